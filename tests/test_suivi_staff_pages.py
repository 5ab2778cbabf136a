"""The staff pages of the suivi, as the service, a COPIL member and a porteur: who sees, who acts, and the
dashboard's figures equal the database sums."""

import datetime
from decimal import Decimal

import pytest
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone

from projets.enums import EtatDossier
from projets.models import LigneFinancement
from suivi.enums import EtatBilan, TypeVersement
from suivi.models import Bilan, Versement
from suivi.services.bilans import bilan_open
from tests.helpers.suivi import VOTE_ETAT, VOTE_VILLE, dossier_en_cours, dossier_vote

pytestmark = pytest.mark.django_db

PAGES = ["suivi_tableau_de_bord", "suivi_conventions", "suivi_versements", "suivi_bilans"]


@pytest.mark.parametrize("page", PAGES)
def test_the_service_and_the_copil_read_the_pages_porteurs_do_not(client, instructeur, membre_copil, porteur_a, page):
    dossier_en_cours(membre_copil=membre_copil, instructeur=instructeur)
    for user, attendu in ((instructeur, 200), (membre_copil, 200), (porteur_a, 403)):
        client.force_login(user)
        assert client.get(reverse(page)).status_code == attendu, user


def test_the_service_validates_a_filed_bilan_the_copil_cannot(client, instructeur, membre_copil):
    dossier = dossier_en_cours(membre_copil=membre_copil, instructeur=instructeur)
    bilan = bilan_open(dossier=dossier)
    Bilan.objects.filter(pk=bilan.pk).update(etat=EtatBilan.DEPOSE)
    dossier.etat = EtatDossier.BILAN_DEPOSE
    dossier.save(update_fields=["etat"])
    url = reverse("suivi_bilan_examen", args=[bilan.pk])
    client.force_login(membre_copil)
    assert client.post(url, {"action": "valider"}).status_code == 403
    client.force_login(instructeur)
    reponse = client.post(url, {"action": "renvoyer", "motif": ""})
    assert "Indiquez ce que la structure doit compléter" in reponse.content.decode()
    assert client.post(url, {"action": "valider", "commentaire": "Merci."}).status_code == 302
    bilan.refresh_from_db()
    assert bilan.etat == EtatBilan.VALIDE


def test_a_payment_above_the_planned_amount_is_refused_next_to_the_field(client, instructeur, membre_copil):
    dossier = dossier_vote(membre_copil=membre_copil)
    client.force_login(instructeur)
    client.post(reverse("suivi_convention_creer", args=[dossier.pk]), {"annee_fin": ""})
    convention = dossier.conventions.get()
    client.post(
        reverse("suivi_convention", args=[convention.pk]),
        {"date_signature": timezone.localdate().strftime("%d/%m/%Y")},
    )
    avance = Versement.objects.get(ligne__dossier=dossier, ligne__financeur__nom="État", type=TypeVersement.AVANCE)
    Versement.objects.filter(pk=avance.pk).update(date_prevue=timezone.localdate() - datetime.timedelta(days=1))
    prefixe = f"v{avance.pk}"
    donnees = {"versement": avance.pk, f"{prefixe}-montant": "9 000", f"{prefixe}-date_versement": "hier",
               f"{prefixe}-version": avance.version}  # fmt: skip
    page = client.post(reverse("suivi_versements"), donnees).content.decode()
    assert "Saisissez une date au format jj/mm/aaaa" in page and 'value="hier"' in page
    donnees[f"{prefixe}-date_versement"] = timezone.localdate().strftime("%d/%m/%Y")
    page = client.post(reverse("suivi_versements"), donnees).content.decode()
    assert "dépasse le montant prévu" in page
    donnees[f"{prefixe}-montant"] = "6 400,00"
    assert client.post(reverse("suivi_versements"), donnees).status_code == 302
    avance.refresh_from_db()
    assert avance.montant_verse == Decimal("6400.00")


def test_the_dashboard_figures_are_the_database_sums(client, instructeur, membre_copil):
    dossier = dossier_en_cours(membre_copil=membre_copil, instructeur=instructeur)
    client.force_login(membre_copil)
    tableau = client.get(reverse("suivi_tableau_de_bord"), {"annee": dossier.campagne.annee}).context["t"]
    ligne_etat = next(f for f in tableau.financeurs if f.financeur == "État" and f.annee == dossier.campagne.annee)
    assert ligne_etat.vote == VOTE_ETAT and ligne_etat.demande == Decimal("10000.00")
    assert (
        ligne_etat.verse
        == Versement.objects.filter(ligne__financeur__nom="État").aggregate(s=Sum("montant_verse"))["s"]
    )
    assert (
        tableau.realisation.vote
        == LigneFinancement.objects.aggregate(s=Sum("montant_vote"))["s"]
        == VOTE_ETAT + VOTE_VILLE
    )
    assert tableau.realisation.verse == Versement.objects.aggregate(s=Sum("montant_verse"))["s"]
    for graphique in tableau.graphiques[:2]:  # enjeux and axes add up to the total voted
        assert graphique.total == VOTE_ETAT + VOTE_VILLE
