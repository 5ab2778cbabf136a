"""Chaos: the worker is killed (-9, pool children included) while it renders a programmation. The job comes back
once the broker's visibility timeout has passed, a new worker renders it again: it ends succeeded on its second
attempt, with exactly one file and no temporary file left, and the admin shows it as done.

One run in CI; `make chaos` runs it CHAOS_RUNS times (10) and prints the timings of each run."""

import os
import time
import uuid

import pytest
from django.urls import reverse

from contratville.celery import app as celery_app
from projets.enums import StatutTravail, TypeTravail
from projets.models import Travail
from projets.services.travaux import chemin_du_fichier
from projets.tasks import generer_document
from tests.helpers.chaos import arreter, attendre, demarrer_worker, exiger_postgresql, redis_prive, tuer
from tests.helpers.copil_clos import copil_clos

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

RUNS = int(os.environ.get("CHAOS_RUNS", "1"))
# Short for the test only (production keeps an hour): the killed job's message comes back after this many seconds.
VISIBILITY_TIMEOUT = 4


def _etat(pk: int) -> Travail:
    return Travail.objects.get(pk=pk)


@pytest.mark.parametrize("essai", range(1, RUNS + 1))
def test_a_job_whose_worker_is_killed_succeeds_on_a_new_worker_with_one_file(
    essai, private_media, tmp_path, client, administrateur
):
    exiger_postgresql()
    copil = copil_clos()
    travail = Travail.objects.create(type=TypeTravail.PROGRAMMATION, campagne=copil.campagne, empreinte="chaos")
    queue = f"chaos-{uuid.uuid4().hex[:8]}"
    journal = tmp_path / "worker.log"
    timeout = {"CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT)}
    celery_app.conf.task_always_eager = False  # sent to the private broker (restored by the conftest fixture)

    with redis_prive() as redis:
        debut = time.monotonic()
        premier = demarrer_worker(broker=redis.url, queue=queue, journal=journal, **timeout)
        try:
            with celery_app.connection_for_write(redis.url) as broker:
                generer_document.apply_async(args=[travail.pk], queue=queue, connection=broker, ignore_result=True)
            attendre(lambda: _etat(travail.pk).progression > 0, delai=60, quoi="le rendu qui commence")
            tuer(premier)
        finally:
            tuer(premier)
        tue = time.monotonic()
        pendant = _etat(travail.pk)
        assert (pendant.statut, pendant.tentatives) == (StatutTravail.EN_COURS, 1), journal.read_text()

        second = demarrer_worker(broker=redis.url, queue=queue, journal=journal, **timeout)
        try:
            attendre(
                lambda: _etat(travail.pk).statut not in (StatutTravail.EN_COURS, StatutTravail.EN_ATTENTE),
                delai=60,
                pas=0.2,
                quoi="le travail repris par le nouveau worker",
            )
        finally:
            arreter(second)
        fin = time.monotonic()

    travail.refresh_from_db()
    assert (travail.statut, travail.progression, travail.tentatives) == (StatutTravail.REUSSI, 100, 2), (
        journal.read_text()
    )
    fichier = private_media / chemin_du_fichier(travail, "pdf")
    assert travail.fichier.name == chemin_du_fichier(travail, "pdf")
    assert [p for p in (private_media / "travaux").rglob("*") if p.is_file()] == [fichier]  # no temporary file
    assert fichier.read_bytes().startswith(b"%PDF")

    client.force_login(administrateur)
    page = client.get(reverse("admin:projets_travail_change", args=[travail.pk])).content.decode()
    assert "Terminé (100 %)" in page and 'data-actif="0"' in page
    print(f"chaos run {essai}/{RUNS}: killed after {tue - debut:.1f} s, succeeded {fin - tue:.1f} s after the kill")
