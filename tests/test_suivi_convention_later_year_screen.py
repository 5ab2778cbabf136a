"""Adding a later year to a signed pluriannual convention from its page: the dossier voted that year is
conventionné under it and the year's indicative amounts become the votes; refusals in French next to the field."""

from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from projets.enums import EtatDossier
from projets.models import Dossier
from suivi.services.conventions import convention_create, convention_sign
from tests.helpers.suivi import VOTE_ETAT, VOTE_VILLE, dossier_vote

pytestmark = pytest.mark.django_db


@pytest.fixture
def pluriannuelle(membre_copil, instructeur):
    premier = dossier_vote(membre_copil=membre_copil)
    annee = premier.campagne.annee
    convention = convention_create(dossiers=[premier], by=instructeur, annee_fin=annee + 2)
    convention_sign(convention=convention, date_signature=timezone.localdate(), by=instructeur)
    return convention


@pytest.fixture
def suivant(membre_copil, pluriannuelle):
    """The same porteur's dossier voted for the convention's second year (8 000 € + 2 000 € again)."""
    dossier = dossier_vote(membre_copil=membre_copil)
    Dossier.objects.filter(pk=dossier.pk).update(porteur=pluriannuelle.porteur)
    dossier.campagne.annee = pluriannuelle.annee_debut + 1
    dossier.campagne.save()
    dossier.refresh_from_db()
    return dossier


def test_the_service_adds_the_second_year_from_the_convention_page(client, instructeur, pluriannuelle, suivant):
    client.force_login(instructeur)
    url = reverse("suivi_convention", args=[pluriannuelle.pk])
    page = unescape(client.get(url).content.decode())
    assert "Ajouter une année" in page and suivant.intitule in page
    assert client.post(url, {"operation": "ajouter_annee", "dossier": suivant.pk}).status_code == 302
    suivant.refresh_from_db()
    assert suivant.etat == EtatDossier.CONVENTIONNE and pluriannuelle.dossiers.filter(pk=suivant.pk).exists()
    montants = {e.financeur.nom: e.montant for e in pluriannuelle.engagements.filter(annee=suivant.campagne.annee)}
    assert sum(montants.values()) == VOTE_ETAT + VOTE_VILLE


def test_no_dossier_chosen_is_refused_next_to_the_field(client, instructeur, pluriannuelle, suivant):
    client.force_login(instructeur)
    url = reverse("suivi_convention", args=[pluriannuelle.pk])
    texte = unescape(client.post(url, {"operation": "ajouter_annee", "dossier": ""}).content.decode())
    assert "Choisissez le dossier de l'année à ajouter." in texte
    texte = unescape(client.post(url, {"operation": "ajouter_annee", "dossier": "999999"}).content.decode())
    assert "Choisissez un dossier de la liste." in texte
    suivant.refresh_from_db()
    assert suivant.etat == EtatDossier.RETENU


def test_the_copil_cannot_add_a_year(client, membre_copil, pluriannuelle, suivant):
    client.force_login(membre_copil)
    url = reverse("suivi_convention", args=[pluriannuelle.pk])
    assert client.post(url, {"operation": "ajouter_annee", "dossier": suivant.pk}).status_code == 403
