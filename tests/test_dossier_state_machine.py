"""Every (from, to, actor) triple: allowed exactly when the table says so, logged, and safe against races."""

import itertools

import pytest
from django.core.exceptions import ValidationError

from comptes.factories import UserFactory
from projets.enums import EtatDossier
from projets.factories import DossierFactory
from projets.services.dossiers import dossier_transition
from projets.workflows import TRANSITIONS, Acteur, transition_allowed

pytestmark = pytest.mark.django_db
TRIPLES = list(itertools.product(EtatDossier.values, EtatDossier.values, list(Acteur)))


@pytest.mark.parametrize(("de", "vers", "acteur"), [t for t in TRIPLES if t[2] in TRANSITIONS.get(t[:2], set())])
def test_allowed_transition_changes_the_state_and_is_logged(de, vers, acteur):
    dossier = DossierFactory(etat=de)
    by = UserFactory()
    dossier = dossier_transition(dossier=dossier, vers=vers, acteur=acteur, by=by, motif="motif de test")
    assert dossier.etat == vers and dossier.version == 2
    log = dossier.transitions.get()
    assert (log.de, log.vers, log.par, log.motif) == (de, vers, by, "motif de test")


def test_every_triple_outside_the_table_is_forbidden():
    """Exhaustive over the 900 (from, to, actor) triples, on the pure rule the service consults first."""
    for de, vers, acteur in TRIPLES:
        assert transition_allowed(de, vers, acteur) == (acteur in TRANSITIONS.get((de, vers), set()))


@pytest.mark.parametrize(
    ("de", "vers", "acteur"),
    [
        (EtatDossier.BROUILLON, EtatDossier.EN_INSTRUCTION, Acteur.INSTRUCTION),  # skipping the submission
        (EtatDossier.DEPOSE, EtatDossier.RETENU, Acteur.COPIL),  # voting before instruction
        (EtatDossier.INSTRUIT, EtatDossier.RETENU, Acteur.PORTEUR),  # right pair, wrong actor
        (EtatDossier.EN_INSTRUCTION, EtatDossier.RETIRE, Acteur.PORTEUR),  # too late to withdraw
        (EtatDossier.RETIRE, EtatDossier.DEPOSE, Acteur.PORTEUR),  # no way back from a final state
        (EtatDossier.TERMINE, EtatDossier.EN_COURS, Acteur.SUIVI),
    ],
)
def test_a_forbidden_transition_is_refused_in_french_and_changes_nothing(de, vers, acteur):
    dossier = DossierFactory(etat=de)
    with pytest.raises(ValidationError, match="Impossible de passer de"):
        dossier_transition(dossier=dossier, vers=vers, acteur=acteur, by=UserFactory())
    dossier.refresh_from_db()
    assert dossier.etat == de and dossier.version == 1 and not dossier.transitions.exists()


def test_the_porteur_can_only_submit_withdraw_answer_and_declare_done():
    porteur_pairs = {pair for pair, acteurs in TRANSITIONS.items() if Acteur.PORTEUR in acteurs}
    assert porteur_pairs == {
        (EtatDossier.BROUILLON, EtatDossier.DEPOSE),
        (EtatDossier.DEPOSE, EtatDossier.RETIRE),
        (EtatDossier.COMPLEMENTS_DEMANDES, EtatDossier.EN_INSTRUCTION),
        (EtatDossier.COMPLEMENTS_DEMANDES, EtatDossier.RETIRE),
        (EtatDossier.EN_COURS, EtatDossier.REALISE),
        (EtatDossier.REALISE, EtatDossier.BILAN_DEPOSE),
    }


def test_a_stale_copy_cannot_overwrite_a_change_made_meanwhile():
    dossier = DossierFactory(etat=EtatDossier.DEPOSE)
    stale = type(dossier).objects.get(pk=dossier.pk)
    dossier_transition(dossier=dossier, vers=EtatDossier.EN_INSTRUCTION, acteur=Acteur.INSTRUCTION, by=UserFactory())
    stale.etat = EtatDossier.EN_INSTRUCTION  # same apparent state, older version
    with pytest.raises(ValidationError, match="modifié par quelqu'un d'autre"):
        dossier_transition(dossier=stale, vers=EtatDossier.INSTRUIT, acteur=Acteur.INSTRUCTION, by=UserFactory())
