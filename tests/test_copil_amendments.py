"""A locked decision changes only through an amendment: motivated, recorded before/after, state following."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from projets.enums import Decision, EtatDossier
from projets.models import Amendement, DecisionLigne, LigneFinancement
from projets.services import copil
from tests.helpers.copil import seance_copil

pytestmark = pytest.mark.django_db


@pytest.fixture
def seance_close(membre_copil):
    scenario = seance_copil(secretaire=membre_copil, dossiers=1)
    copil.propositions_valider(seance=scenario.seance, dossiers=scenario.dossiers, by=membre_copil)
    copil.seance_clore(seance=scenario.seance, by=membre_copil)
    return scenario


def _etat_ligne(scenario):
    return DecisionLigne.objects.get(seance=scenario.seance, ligne__financeur=scenario.financeurs[0])


def test_an_amendment_needs_a_reason(seance_close, membre_copil):
    with pytest.raises(ValidationError) as refus:
        copil.decision_amender(
            decision=_etat_ligne(seance_close),
            by=membre_copil,
            choix=Decision.ACCORDE,
            montant_vote=Decimal("6000"),
            motif="",
            motif_amendement="  ",
        )
    assert refus.value.message_dict == {"motif_amendement": ["Un amendement doit être motivé."]}
    assert _etat_ligne(seance_close).montant_vote == Decimal("8000")


def test_an_amendment_records_before_and_after_and_the_line_follows(seance_close, membre_copil):
    amendement = copil.decision_amender(
        decision=_etat_ligne(seance_close),
        by=membre_copil,
        choix=Decision.ACCORDE,
        montant_vote=Decimal("6000"),
        motif="",
        motif_amendement="Erreur de saisie : 6 000 € votés en séance.",
    )

    assert amendement.avant == {"decision": "accorde", "montant_vote": "8000.00", "motif": ""}
    assert amendement.apres == {"decision": "accorde", "montant_vote": "6000", "motif": ""}
    ligne = LigneFinancement.objects.get(dossier=seance_close.dossiers[0], financeur=seance_close.financeurs[0])
    assert ligne.montant_vote == Decimal("6000")
    historique = _etat_ligne(seance_close).history.first()
    assert historique.history_user == membre_copil
    assert historique.history_change_reason == "Erreur de saisie : 6 000 € votés en séance."


def test_refusing_the_last_granted_line_makes_the_dossier_non_retenu(seance_close, membre_copil):
    dossier = seance_close.dossiers[0]
    copil.decision_amender(
        decision=_etat_ligne(seance_close),
        by=membre_copil,
        choix=Decision.REFUSE,
        montant_vote=None,
        motif="Pièces justificatives non conformes.",
        motif_amendement="Recours gracieux rejeté.",
    )

    dossier.refresh_from_db()
    assert dossier.etat == EtatDossier.NON_RETENU
    assert Amendement.objects.count() == 1
