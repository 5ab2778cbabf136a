"""A real Celery worker (Redis, PostgreSQL) generates the programmation of the demo campagne: the figures read in
the PDF are the database sums per financeur and in total."""

import io
from unittest import mock

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db.models import F, Sum

from contratville.celery import app as celery_app
from projets.enums import EtatDossier, StatutTravail, TypeTravail
from projets.models import Campagne, LigneFinancement
from projets.selectors_programmation import ETATS_EXAMINES
from projets.services.travaux import travail_lancer
from projets.tasks import generer_document
from tests.helpers.pdf import ligne_de, montants, pdf_texte

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _campagne_de_demo_decidee() -> Campagne:
    """The demo's open call, decided as the COPIL's closing leaves it: proposals voted, the first one refused."""
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True  # the demo's own tasks run here, not in the test's worker
    try:
        call_command("load_referentiel", settings.BASE_DIR / "enjeux/referentiels/blois.yaml", stdout=io.StringIO())
        with mock.patch.object(settings, "DEBUG", True):
            call_command("load_demo", stdout=io.StringIO())
    finally:
        celery_app.conf.task_always_eager = eager
    campagne = Campagne.objects.order_by("-annee").first()  # the demo's open call (its past years come before)
    instruits = list(campagne.dossiers.filter(etat=EtatDossier.INSTRUIT).order_by("numero"))
    assert len(instruits) >= 3
    refuse, retenus = instruits[0], instruits[1:]
    LigneFinancement.objects.filter(dossier=refuse).update(montant_vote=0)
    LigneFinancement.objects.filter(dossier__in=retenus).update(montant_vote=F("montant_propose"))
    campagne.dossiers.filter(pk=refuse.pk).update(etat=EtatDossier.NON_RETENU)
    campagne.dossiers.filter(pk__in=[d.pk for d in retenus]).update(etat=EtatDossier.RETENU)
    return campagne


def test_a_real_worker_generates_the_programmation_whose_figures_are_the_database_sums(worker_queue):
    campagne = _campagne_de_demo_decidee()
    with mock.patch("projets.services.travaux.envoyer_apres_commit"):  # sent below to the test's own queue
        travail = travail_lancer(type=TypeTravail.PROGRAMMATION, campagne=campagne, par=None)

    generer_document.apply_async(args=[travail.pk], queue=worker_queue).get(timeout=120)

    travail.refresh_from_db()
    assert (travail.statut, travail.progression, travail.tentatives) == (StatutTravail.REUSSI, 100, 1)
    with travail.fichier.open("rb") as fichier:
        texte = pdf_texte(fichier.read(), "programmation-demo")
    lignes = LigneFinancement.objects.filter(dossier__campagne=campagne, dossier__etat__in=ETATS_EXAMINES)
    par_financeur = lignes.values("financeur__nom").annotate(
        demande=Sum("montant_demande"), propose=Sum("montant_propose"), vote=Sum("montant_vote")
    )
    assert len(par_financeur) >= 3
    for row in par_financeur:
        lu = montants(ligne_de(texte, row["financeur__nom"]))
        assert lu == [row["demande"], row["propose"], row["vote"]], row["financeur__nom"]
    total = lignes.aggregate(demande=Sum("montant_demande"), propose=Sum("montant_propose"), vote=Sum("montant_vote"))
    assert montants(ligne_de(texte, "Total général")) == [total["demande"], total["propose"], total["vote"]]
