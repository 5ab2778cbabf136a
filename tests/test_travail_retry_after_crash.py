"""A worker killed during a job: the task comes back (acks late), renders again and leaves exactly one file."""

import pytest

from projets.enums import StatutTravail, TypeTravail
from projets.factories import TravailFactory
from projets.services.travaux import chemin_du_fichier
from projets.tasks import generer_document
from tests.helpers.copil_clos import copil_clos

pytestmark = pytest.mark.django_db


def test_the_task_is_acked_late_and_requeued_when_the_worker_dies():
    assert generer_document.acks_late and generer_document.reject_on_worker_lost
    assert generer_document.max_retries == 3 and generer_document.retry_backoff


def test_a_redelivered_task_renders_again_and_leaves_one_file(private_media):
    copil = copil_clos()
    # The worker died here: job running, half a file written, and its temporary file left behind.
    travail = TravailFactory(
        type=TypeTravail.PROGRAMMATION, campagne=copil.campagne, statut=StatutTravail.EN_COURS, tentatives=1
    )
    nom = chemin_du_fichier(travail, "pdf")
    chemin = private_media / nom
    chemin.parent.mkdir(parents=True)
    chemin.write_bytes(b"%PDF-1.7 moitie")
    (chemin.parent / f".{chemin.name}.0123abcd").write_bytes(b"%PDF-1.7 moitie")

    generer_document.apply(args=[travail.pk])

    travail.refresh_from_db()
    assert (travail.statut, travail.tentatives, travail.fichier.name) == (StatutTravail.REUSSI, 2, nom)
    assert [p for p in (private_media / "travaux").rglob("*") if p.is_file()] == [chemin]
    contenu = chemin.read_bytes()
    assert contenu.startswith(b"%PDF") and len(contenu) > 10_000


def test_a_duplicate_delivery_of_a_finished_job_does_nothing(private_media):
    copil = copil_clos()
    travail = TravailFactory(type=TypeTravail.PROGRAMMATION, campagne=copil.campagne)
    generer_document.apply(args=[travail.pk])
    travail.refresh_from_db()
    fin = travail.fin

    generer_document.apply(args=[travail.pk])

    travail.refresh_from_db()
    assert (travail.tentatives, travail.fin) == (1, fin)
