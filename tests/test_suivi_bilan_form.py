"""The porteur's bilan form: errors next to the field and nothing typed lost, saved drafts, filing, access."""

import pytest
from django.urls import reverse

from projets.enums import EtatDossier
from projets.models import QuestionEgalite
from suivi.enums import EtatBilan
from suivi.models import Bilan
from tests.helpers.suivi import dossier_en_cours

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(membre_copil, instructeur, porteur_a):
    return dossier_en_cours(membre_copil=membre_copil, instructeur=instructeur, porteuse=porteur_a)


def _donnees(bilan, **changes):
    donnees = {
        "version": bilan.version,
        "realisation": "Douze ateliers de cuisine partagée.",
        "date_debut_reelle": "05/01/2031",
        "date_fin_reelle": "15/12/2031",
        "public_femmes": "20",
        "public_hommes": "10",
        "public_hors_quartiers": "30",
    }
    for ligne in bilan.lignes_budget.all():
        donnees[f"realise_{ligne.pk}"] = f"{ligne.prevu}".replace(".", ",")
    donnees[f"egalite_{QuestionEgalite.objects.get(numero=6).pk}"] = "non"
    return donnees | changes


def test_the_porteur_fills_and_files_its_bilan(client, porteur_a, dossier):
    client.force_login(porteur_a)
    url = reverse("suivi_bilan", args=[dossier.pk])
    assert client.get(url).status_code == 200
    bilan = Bilan.objects.get(dossier=dossier)
    reponse = client.post(url, _donnees(bilan) | {"deposer": ""})
    assert reponse.status_code == 302
    bilan.refresh_from_db()
    dossier.refresh_from_db()
    assert bilan.etat == EtatBilan.DEPOSE and dossier.etat == EtatDossier.BILAN_DEPOSE
    assert client.get(reverse("suivi_mes_actions")).status_code == 200


def test_bad_input_is_shown_next_to_the_field_and_nothing_typed_is_lost(client, porteur_a, dossier):
    client.force_login(porteur_a)
    url = reverse("suivi_bilan", args=[dossier.pk])
    client.get(url)
    bilan = Bilan.objects.get(dossier=dossier)
    ligne = bilan.lignes_budget.first()
    donnees = _donnees(bilan, public_femmes="vingt", date_fin_reelle="32/13/2031") | {f"realise_{ligne.pk}": "12 abc"}
    reponse = client.post(url, donnees)
    assert reponse.status_code == 200
    page = reponse.content.decode()
    assert "Saisissez un nombre entier de personnes" in page
    assert "Saisissez une date au format jj/mm/aaaa" in page
    assert "Saisissez un montant en euros" in page
    assert "Douze ateliers de cuisine partagée." in page and 'value="vingt"' in page and 'value="12 abc"' in page
    bilan.refresh_from_db()
    assert bilan.realisation == "" and bilan.etat == EtatBilan.BROUILLON


def test_filing_an_incomplete_bilan_keeps_the_draft_and_says_what_is_missing(client, porteur_a, dossier):
    client.force_login(porteur_a)
    url = reverse("suivi_bilan", args=[dossier.pk])
    client.get(url)
    bilan = Bilan.objects.get(dossier=dossier)
    reponse = client.post(url, _donnees(bilan, public_hors_quartiers="12") | {"deposer": ""})
    assert reponse.status_code == 200
    assert "Les quartiers et les personnes hors quartiers totalisent 12 personnes" in reponse.content.decode()
    bilan.refresh_from_db()
    assert bilan.etat == EtatBilan.BROUILLON and bilan.realisation == "Douze ateliers de cuisine partagée."


def test_another_porteur_cannot_open_the_bilan(client, porteur_b, dossier):
    client.force_login(porteur_b)
    assert client.get(reverse("suivi_bilan", args=[dossier.pk])).status_code == 404
