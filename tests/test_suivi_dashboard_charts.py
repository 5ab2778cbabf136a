"""The dashboard of the suivi for the service and the COPIL: every chart's figures are the database's (requested
and voted per financeur in the year, actions per status, late bilans, gender answers Q1–Q6), each chart has its
data table, and only the service, the COPIL and the administrators open it."""

from html import unescape

import pytest
from django.db.models import Sum
from django.urls import reverse

from projets.models import LigneFinancement, ReponseEgalite
from suivi.models import BilanReponseEgalite
from tests.helpers.suivi import VOTE_ETAT, VOTE_VILLE, bilan_depose, dossier_en_cours

pytestmark = pytest.mark.django_db


@pytest.fixture
def annee_suivie(membre_copil, instructeur, porteur_a):
    """One action en cours with its bilan filed (Q6 answered « oui »)."""
    dossier = dossier_en_cours(membre_copil=membre_copil, instructeur=instructeur, porteuse=porteur_a)
    bilan_depose(dossier=dossier, porteuse=porteur_a)
    dossier.refresh_from_db()
    return dossier


def _tableau(client, user, annee):
    client.force_login(user)
    reponse = client.get(reverse("suivi_tableau_de_bord"), {"annee": annee})
    assert reponse.status_code == 200
    return reponse.context["t"], unescape(reponse.content.decode())


def test_requested_and_voted_per_financeur_in_the_year_are_the_database_sums(client, membre_copil, annee_suivie):
    annee = annee_suivie.campagne.annee
    t, page = _tableau(client, membre_copil, annee)
    lignes = LigneFinancement.objects.filter(dossier__campagne__annee=annee)
    for barre in t.demande_vote:
        du_financeur = lignes.filter(financeur__nom=barre.financeur)
        assert barre.demande == du_financeur.aggregate(s=Sum("montant_demande"))["s"]
        assert barre.vote == du_financeur.aggregate(s=Sum("montant_vote"))["s"]
    assert sum(b.vote for b in t.demande_vote) == VOTE_ETAT + VOTE_VILLE
    assert max(max(b.largeur_demande, b.largeur_vote) for b in t.demande_vote) == 100
    assert "Toutes les années" in page and "demandé" in page


def test_the_statuses_count_every_funded_action_once(client, instructeur, annee_suivie):
    t, page = _tableau(client, instructeur, annee_suivie.campagne.annee)
    comptes = {b.libelle: b.nombre for b in t.statuts}
    assert sum(comptes.values()) == t.realisation.financees == 1
    assert comptes["Réalisé"] == 1  # bilan déposé: réalisé until validated, as on the public site
    assert "statut des actions financées</summary>" in page


def test_the_gender_answers_are_the_database_counts(client, instructeur, annee_suivie):
    t, page = _tableau(client, instructeur, annee_suivie.campagne.annee)
    q6 = next(q for q in t.egalite if q.numero == 6)
    oui = [choix for choix in BilanReponseEgalite.objects.values_list("choix", flat=True) if "oui" in choix]
    assert q6.reponses["oui"] == len(oui) == 1
    assert sum(b.nombre for b in q6.barres) == t.realisation.financees
    for q in t.egalite:
        if q.numero < 6:
            repondu = ReponseEgalite.objects.filter(question__numero=q.numero, dossier=annee_suivie).exclude(choix=[])
            assert q.sans_reponse == t.realisation.financees - repondu.count()
    assert "Q6." in page and "Tableau des réponses" in page


def test_late_bilans_are_counted_for_the_year_and_overall(client, instructeur, membre_copil):
    dossier = dossier_en_cours(membre_copil=membre_copil, instructeur=instructeur)
    from suivi.services.bilans import bilan_open

    bilan = bilan_open(dossier=dossier)
    type(bilan).objects.filter(pk=bilan.pk).update(date_limite="2000-01-01")
    t, page = _tableau(client, instructeur, dossier.campagne.annee)
    assert t.bilans_en_retard_annee == t.bilans_en_retard == 1
    assert f"1 pour {dossier.campagne.annee}" in page


@pytest.mark.parametrize(
    ("persona", "attendu"),
    [("instructeur", 200), ("membre_copil", 200), ("administrateur", 200), ("partenaire_cotech", 403),
     ("conseil_citoyen", 403), ("porteur_a", 403)],
)  # fmt: skip
def test_only_the_service_the_copil_and_the_administrators_open_the_dashboard(client, request, persona, attendu):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("suivi_tableau_de_bord")).status_code == attendu


def test_the_late_bilans_are_those_of_the_copil_bilan_annuel(client, instructeur):
    from django.utils import timezone

    from suivi.selectors_bilan_annuel import bilan_annuel
    from tests.helpers.suivi_annee import ANNEE, annee_suivie

    annee = annee_suivie()
    rapport = bilan_annuel(contrat=annee.contrat, annee=ANNEE, today=timezone.localdate())
    t, _ = _tableau(client, instructeur, ANNEE)
    assert t.bilans_en_retard_annee == rapport.bilans_en_retard == 1
