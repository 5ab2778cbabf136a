"""Report jobs: launched once per data, a failure is recorded in French and retried, then failed."""

from unittest import mock

import pytest

from projets.enums import StatutTravail
from suivi.enums import FormatRapport, TypeRapport
from suivi.models import Rapport
from suivi.services.rapports import rapport_launch, rapport_run
from tests.helpers.suivi_annee import ANNEE, annee_suivie

pytestmark = pytest.mark.django_db


@pytest.fixture
def annee():
    return annee_suivie()


def _lancer(annee, by):
    return rapport_launch(type=TypeRapport.BILAN_ANNUEL, format=FormatRapport.XLSX, contrat=annee.contrat,
                          annee=ANNEE, by=by)  # fmt: skip


def test_a_second_launch_of_the_same_data_joins_the_queued_job(annee, instructeur, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as taches:  # not run: the job stays queued
        premier = _lancer(annee, instructeur)
        second = _lancer(annee, instructeur)
    assert second.pk == premier.pk and Rapport.objects.count() == 1 and len(taches) == 1


def test_changed_data_gives_a_new_job(annee, instructeur, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        premier = _lancer(annee, instructeur)
    ligne = annee.dossiers["en_retard"].lignes_financement.get()
    ligne.montant_vote += 1
    ligne.save()
    with django_capture_on_commit_callbacks(execute=True):
        second = _lancer(annee, instructeur)
    second.refresh_from_db()
    assert second.pk != premier.pk and second.statut == StatutTravail.REUSSI


def test_a_failure_waits_for_the_retry_then_fails_with_its_reason_in_french(annee, instructeur):
    with mock.patch("suivi.tasks.generer_rapport.delay"):
        rapport = _lancer(annee, instructeur)
    with mock.patch("suivi.services.rapports.ecrire_fichier", side_effect=OSError("disque plein")):
        with pytest.raises(OSError):
            rapport_run(rapport=rapport, dernier_essai=False)
        rapport.refresh_from_db()
        assert rapport.statut == StatutTravail.EN_ATTENTE and rapport.tentatives == 1
        with pytest.raises(OSError):
            rapport_run(rapport=rapport, dernier_essai=True)
    rapport.refresh_from_db()
    assert rapport.statut == StatutTravail.ECHOUE and rapport.tentatives == 2
    assert "Tentative 2 : le fichier n'a pas pu être écrit" in rapport.erreur


def test_a_duplicate_delivery_of_a_finished_job_does_nothing(annee, instructeur, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        rapport = _lancer(annee, instructeur)
    rapport.refresh_from_db()
    with mock.patch("suivi.services.rapports.rendre") as rendu:
        assert rapport_run(rapport=rapport).statut == StatutTravail.REUSSI
    rendu.assert_not_called()
