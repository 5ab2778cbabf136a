"""Recording the COPIL's decision on one financeur line: who may, what is checked, nothing overwritten."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from projets.enums import Decision
from projets.factories import RecusationFactory
from projets.models import DecisionLigne
from projets.services import copil
from projets.services.instruction import ModificationConcurrente
from tests.helpers.copil import seance_copil

pytestmark = pytest.mark.django_db


def _ligne(scenario, financeur_index=0, dossier_index=0):
    return DecisionLigne.objects.select_related("ligne__financeur", "ligne__dossier").get(
        seance=scenario.seance,
        ligne__dossier=scenario.dossiers[dossier_index],
        ligne__financeur=scenario.financeurs[financeur_index],
    )


def _enregistrer(decision, by, **saisie):
    valeurs = {"choix": Decision.ACCORDE, "montant_vote": Decimal("7500"), "motif": ""} | saisie
    return copil.decision_enregistrer(decision=decision, by=by, version=decision.version, **valeurs)


def test_granted_amount_may_differ_from_the_proposal(membre_copil):
    scenario = seance_copil(secretaire=membre_copil, dossiers=1)
    decision = _enregistrer(_ligne(scenario), membre_copil, montant_vote=Decimal("7500"))

    decision.refresh_from_db()
    assert (decision.decision, decision.montant_vote, decision.par) == (
        Decision.ACCORDE,
        Decimal("7500"),
        membre_copil,
    )
    assert decision.history.first().history_user == membre_copil


@pytest.mark.parametrize(
    ("saisie", "champ", "message"),
    [
        ({"montant_vote": None}, "montant_vote", "Indiquez le montant accordé, supérieur à 0 €."),
        ({"montant_vote": Decimal("0")}, "montant_vote", "Indiquez le montant accordé, supérieur à 0 €."),
        ({"montant_vote": Decimal("10000.01")}, "montant_vote", "Le montant voté dépasse le montant demandé"),
        ({"choix": Decision.REFUSE, "montant_vote": None}, "motif", "Un refus doit être motivé"),
        ({"choix": Decision.REFUSE, "montant_vote": Decimal("5"), "motif": "x"}, "montant_vote", "Seule une"),
        ({"choix": "peut-etre"}, "decision", "Choisissez accordé, refusé ou ajourné."),
    ],
)
def test_inconsistent_decisions_are_refused_next_to_the_field(membre_copil, saisie, champ, message):
    scenario = seance_copil(secretaire=membre_copil, dossiers=1)
    decision = _ligne(scenario)

    with pytest.raises(ValidationError) as refus:
        _enregistrer(decision, membre_copil, **saisie)

    assert refus.value.message_dict[champ][0].startswith(message)
    decision.refresh_from_db()
    assert decision.decision == ""


def test_adjourned_without_amount(membre_copil):
    scenario = seance_copil(secretaire=membre_copil, dossiers=1)
    decision = _enregistrer(_ligne(scenario), membre_copil, choix=Decision.AJOURNE, montant_vote=None)
    assert (decision.decision, decision.montant_vote) == (Decision.AJOURNE, None)


def test_a_recused_member_records_no_decision_on_that_dossier(membre_copil):
    scenario = seance_copil(secretaire=membre_copil, dossiers=2)
    siege = scenario.membres[0]
    siege.user = membre_copil
    siege.save()
    RecusationFactory(seance=scenario.seance, dossier=scenario.dossiers[0], membre=siege)

    with pytest.raises(PermissionDenied, match="déporté"):
        _enregistrer(_ligne(scenario), membre_copil)

    assert _ligne(scenario).decision == ""
    _enregistrer(_ligne(scenario, dossier_index=1), membre_copil)  # the other dossier is fine


@pytest.mark.parametrize("persona", ["instructeur", "partenaire_cotech", "conseil_citoyen", "porteur_a"])
def test_only_the_copil_records_decisions(membre_copil, persona, request):
    scenario = seance_copil(secretaire=membre_copil, dossiers=1)
    with pytest.raises(PermissionDenied):
        _enregistrer(_ligne(scenario), request.getfixturevalue(persona))


def test_two_members_save_the_same_line_the_second_is_refused(membre_copil, django_user_model):
    scenario = seance_copil(secretaire=membre_copil, dossiers=1)
    premiere_lecture = _ligne(scenario)
    seconde_lecture = _ligne(scenario)
    _enregistrer(premiere_lecture, membre_copil, montant_vote=Decimal("8000"))

    with pytest.raises(ModificationConcurrente) as conflit:
        _enregistrer(seconde_lecture, membre_copil, montant_vote=Decimal("6000"))

    changements = {(c.champ, c.apres.replace("\u00a0", " ").replace("\u202f", " ")) for c in conflit.value.changements}
    assert ("montant voté", "8 000,00 €") in changements
    assert _ligne(scenario).montant_vote == Decimal("8000")


def test_batch_validation_takes_the_instruction_proposals(membre_copil):
    scenario = seance_copil(secretaire=membre_copil, dossiers=3)
    deja = _ligne(scenario, dossier_index=1)
    _enregistrer(deja, membre_copil, montant_vote=Decimal("9000"))
    siege = scenario.membres[0]
    siege.user = membre_copil
    siege.save()
    RecusationFactory(seance=scenario.seance, dossier=scenario.dossiers[2], membre=siege)

    resultat = copil.propositions_valider(seance=scenario.seance, dossiers=scenario.dossiers, by=membre_copil)

    assert (resultat.validees, resultat.deja_decidees, resultat.recusees) == (3, 1, 2)
    etat, ville = _ligne(scenario), _ligne(scenario, financeur_index=1)
    assert (etat.decision, etat.montant_vote) == (Decision.ACCORDE, Decimal("8000"))
    assert (ville.decision, ville.montant_vote) == (Decision.REFUSE, None)
    assert ville.motif == "Action hors des priorités de la Ville cette année."
    assert _ligne(scenario, dossier_index=1).montant_vote == Decimal("9000")  # already decided: unchanged
    assert _ligne(scenario, dossier_index=2).decision == ""  # recused: untouched
