"""Closing a COPIL séance: every line decided, enveloppes confirmed, decisions locked, dossiers moved on."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from projets.enums import Decision, EtatDossier, StatutSeance
from projets.models import DecisionLigne, LigneFinancement, TransitionDossier
from projets.services import copil
from tests.helpers.copil import seance_copil

pytestmark = pytest.mark.django_db


def _decider(scenario, dossier, etat, ville):
    for decision in DecisionLigne.objects.filter(seance=scenario.seance, ligne__dossier=dossier):
        choix, montant = etat if decision.ligne.financeur == scenario.financeurs[0] else ville
        decision.decision, decision.montant_vote = choix, montant
        decision.motif = "Motif" if choix == Decision.REFUSE else ""
        decision.save()


def test_a_line_without_decision_prevents_closing(membre_copil):
    scenario = seance_copil(secretaire=membre_copil, dossiers=2)
    copil.propositions_valider(seance=scenario.seance, dossiers=scenario.dossiers[:1], by=membre_copil)

    with pytest.raises(ValidationError) as refus:
        copil.seance_clore(seance=scenario.seance, by=membre_copil)

    assert "2 ligne(s) de financement sans décision." in refus.value.messages


def test_closing_locks_decisions_carries_amounts_and_moves_dossiers(membre_copil):
    scenario = seance_copil(secretaire=membre_copil, dossiers=3)
    retenu, non_retenu, ajourne = scenario.dossiers
    refus = (Decision.REFUSE, None)
    _decider(scenario, retenu, (Decision.ACCORDE, Decimal("7000")), refus)
    _decider(scenario, non_retenu, refus, refus)
    _decider(scenario, ajourne, (Decision.AJOURNE, None), (Decision.AJOURNE, None))

    copil.seance_clore(seance=scenario.seance, by=membre_copil)

    scenario.seance.refresh_from_db()
    assert scenario.seance.statut == StatutSeance.CLOSE and scenario.seance.close_par == membre_copil
    assert not DecisionLigne.objects.filter(seance=scenario.seance, verrouillee=False).exists()
    for dossier in scenario.dossiers:
        dossier.refresh_from_db()
    assert (retenu.etat, non_retenu.etat, ajourne.etat) == (
        EtatDossier.RETENU,
        EtatDossier.NON_RETENU,
        EtatDossier.INSTRUIT,
    )
    montants = dict(LigneFinancement.objects.filter(dossier=retenu).values_list("financeur__nom", "montant_vote"))
    assert montants == {"État": Decimal("7000"), "Ville": Decimal("0")}
    assert set(LigneFinancement.objects.filter(dossier=ajourne).values_list("montant_vote", flat=True)) == {None}
    assert TransitionDossier.objects.get(dossier=retenu, vers=EtatDossier.RETENU).par == membre_copil


def test_exceeded_enveloppe_needs_explicit_confirmation(membre_copil):
    scenario = seance_copil(secretaire=membre_copil, dossiers=2, enveloppe="15000")
    copil.propositions_valider(seance=scenario.seance, dossiers=scenario.dossiers, by=membre_copil)

    with pytest.raises(copil.DepassementNonConfirme) as refus:
        copil.seance_clore(seance=scenario.seance, by=membre_copil)

    assert "État : 16 000,00 € accordés pour une enveloppe de 15 000,00 € (dépassement de 1 000,00 €)." in (
        " ".join(refus.value.messages).replace("\u00a0", " ")
    )
    scenario.seance.refresh_from_db()
    assert scenario.seance.statut == StatutSeance.PREPARATION

    copil.seance_clore(seance=scenario.seance, by=membre_copil, confirmer_depassement=True)
    scenario.seance.refresh_from_db()
    assert scenario.seance.statut == StatutSeance.CLOSE


def test_after_closing_a_decision_changes_only_by_amendment(membre_copil):
    scenario = seance_copil(secretaire=membre_copil, dossiers=1)
    copil.propositions_valider(seance=scenario.seance, dossiers=scenario.dossiers, by=membre_copil)
    copil.seance_clore(seance=scenario.seance, by=membre_copil)
    decision = DecisionLigne.objects.get(seance=scenario.seance, ligne__financeur=scenario.financeurs[0])

    with pytest.raises(ValidationError, match="amendement"):
        copil.decision_enregistrer(
            decision=decision,
            by=membre_copil,
            version=decision.version,
            choix=Decision.ACCORDE,
            montant_vote=Decimal("1000"),
            motif="",
        )
    with pytest.raises(ValidationError, match="amendement"):
        copil.propositions_valider(seance=scenario.seance, dossiers=scenario.dossiers, by=membre_copil)
    decision.refresh_from_db()
    assert decision.montant_vote == Decimal("8000")
