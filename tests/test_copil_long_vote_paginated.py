"""The vote grid of a séance with a long agenda shows ORDRE_DU_JOUR_PAR_PAGE dossiers a page (one form per
financing line of 2 000 dossiers took 18 s to render); a decision saved on a page stays on that page."""

from decimal import Decimal

import pytest
from django.urls import reverse

from projets.admin_seances import ORDRE_DU_JOUR_EN_LIGNE, ORDRE_DU_JOUR_PAR_PAGE
from projets.models import DecisionLigne
from tests.helpers.copil import allonger_ordre_du_jour, seance_copil

pytestmark = pytest.mark.django_db


@pytest.fixture
def longue_seance(membre_copil):
    scenario = seance_copil(secretaire=membre_copil, dossiers=2)
    allonger_ordre_du_jour(
        seance=scenario.seance,
        nombre=ORDRE_DU_JOUR_EN_LIGNE + ORDRE_DU_JOUR_PAR_PAGE,
        financeur=scenario.financeurs[0],
    )
    return scenario.seance


def _vote(seance, page):
    return f"{reverse('admin:projets_seance_vote', args=[seance.pk])}?page={page}"


def test_the_vote_grid_of_a_long_agenda_shows_a_page_of_dossiers(client, membre_copil, longue_seance):
    client.force_login(membre_copil)
    premiere = client.get(_vote(longue_seance, 1)).content.decode()
    derniere = client.get(_vote(longue_seance, 3)).content.decode()
    assert premiere.count('class="dossier-vote"') == ORDRE_DU_JOUR_PAR_PAGE
    assert derniere.count('class="dossier-vote"') == 2  # 202 dossiers = 100 + 100 + 2
    assert 'href="?page=2"' in premiere and "Dossiers 201 à 202 sur 202" in derniere


def test_a_decision_saved_on_a_page_of_the_grid_stays_on_that_page(client, membre_copil, longue_seance):
    client.force_login(membre_copil)
    dossier = longue_seance.examens.order_by("rang", "pk")[150].dossier
    decision = DecisionLigne.objects.get(seance=longue_seance, ligne__dossier=dossier)
    page = [e.dossier_id for e in longue_seance.examens.order_by("rang", "pk")[100:200]]
    data = {"enregistrer": "1"}
    for ligne in DecisionLigne.objects.filter(seance=longue_seance, ligne__dossier__in=page):  # as the browser
        choix, montant = ("accorde", "900") if ligne.pk == decision.pk else ("", "")
        data |= {f"l{ligne.pk}-decision": choix, f"l{ligne.pk}-montant_vote": montant, f"l{ligne.pk}-motif": ""}
        data[f"l{ligne.pk}-version"] = ligne.version
    reponse = client.post(_vote(longue_seance, 2), data)
    assert reponse.status_code == 302 and reponse["Location"].endswith("?page=2")
    decision.refresh_from_db()
    assert decision.montant_vote == Decimal("900")
