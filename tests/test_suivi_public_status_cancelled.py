"""An action cancelled in the suivi shows « Annulé » on the public site and in the API, whatever its dates."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from projets.enums import EtatDossier
from projets.factories import DossierFactory
from projets.selectors_public import statut_public
from suivi.services.actions import action_cancel

pytestmark = pytest.mark.django_db


@pytest.fixture
def annulee(instructeur):
    annee = timezone.localdate().year
    dossier = DossierFactory(
        etat=EtatDossier.CONVENTIONNE,
        publie=True,
        campagne__annee=annee,
        date_debut=datetime.date(annee, 1, 1),
        date_fin=datetime.date(annee, 12, 31),
    )
    action_cancel(dossier=dossier, le=timezone.localdate(), motif="Local fermé pour travaux.", by=instructeur)
    return dossier


def test_a_cancelled_action_is_annule_and_not_en_cours(annulee):
    annulee.refresh_from_db()
    assert statut_public(annulee, today=timezone.localdate()) == "Annulé"


def test_an_action_whose_suivi_is_not_cancelled_keeps_its_status(instructeur):
    from suivi.services.actions import action_start

    dossier = DossierFactory(etat=EtatDossier.CONVENTIONNE, campagne__annee=timezone.localdate().year)
    action_start(dossier=dossier, debut=timezone.localdate(), by=instructeur)
    dossier.refresh_from_db()
    assert statut_public(dossier, today=timezone.localdate()) == "En cours"


def test_the_project_page_and_the_api_say_annule(client, annulee):
    page = client.get(reverse("projet_public", args=[annulee.pk])).content.decode()
    assert '<span class="badge statut-annule align-middle">Annulé</span>' in page
    assert client.get(reverse("api_projet", args=[annulee.pk])).json()["statut"] == "Annulé"
