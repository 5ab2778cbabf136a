"""Who may move a dossier through the instruction: the service politique de la ville only.

The state machine's pairs are tested in test_dossier_state_machine.py; here each role meets each action."""

import pytest
from django.core.exceptions import PermissionDenied

from comptes.roles import Role
from projets.enums import Avis, EtatDossier
from projets.factories import dossier_depose
from projets.models import ControleRecevabilite
from projets.services import instruction as services
from projets.workflows import TRANSITIONS, Acteur, acteurs_du_compte

pytestmark = pytest.mark.django_db

# What each role may do to a dossier's state, written out rather than derived from the table under test.
ATTENDU = {
    Role.INSTRUCTEUR: {Acteur.INSTRUCTION, Acteur.SUIVI},
    Role.ADMINISTRATEUR: {Acteur.INSTRUCTION, Acteur.SUIVI, Acteur.COPIL},
    Role.MEMBRE_COPIL: {Acteur.COPIL},
    Role.PARTENAIRE_COTECH: set(),
    Role.CONSEIL_CITOYEN: set(),
    Role.PORTEUR: set(),  # acts as porteur through membership of the dossier's structure, not through a role
}
PERSONAS = {
    Role.INSTRUCTEUR: "instructeur",
    Role.ADMINISTRATEUR: "administrateur",
    Role.MEMBRE_COPIL: "membre_copil",
    Role.PARTENAIRE_COTECH: "partenaire_cotech",
    Role.CONSEIL_CITOYEN: "conseil_citoyen",
    Role.PORTEUR: "porteur_a",
}


@pytest.mark.parametrize("role", list(PERSONAS))
def test_each_role_acts_as_expected(role, request):
    user = request.getfixturevalue(PERSONAS[role])
    assert acteurs_du_compte(user) == ATTENDU[role]


def test_every_staff_pair_of_the_table_has_a_role_that_may_trigger_it():
    roles_par_acteur = {a for acteurs in ATTENDU.values() for a in acteurs}
    for (de, vers), acteurs in TRANSITIONS.items():
        assert acteurs & (roles_par_acteur | {Acteur.PORTEUR}), (de, vers)


def _complete(dossier, by):
    ControleRecevabilite.objects.create(
        dossier=dossier, par=by, le=dossier.depose_le, **dict.fromkeys(ControleRecevabilite.CRITERES, True)
    )


ACTIONS = {
    "recevable": lambda d, u: services.dossier_declare_recevable(dossier=d, by=u),
    "irrecevable": lambda d, u: services.dossier_declare_irrecevable(dossier=d, by=u, motif="Hors territoire."),
    "complements": lambda d, u: services.complements_demander(
        dossier=d, by=u, elements=["action"], message="Précisez.", date_limite=d.depose_le.date().replace(year=2099)
    ),
}


@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize("persona", ["partenaire_cotech", "membre_copil", "conseil_citoyen", "porteur_a"])
def test_other_roles_cannot_decide_recevabilite(action, persona, request, instructeur):
    dossier = dossier_depose()
    _complete(dossier, instructeur)
    with pytest.raises(PermissionDenied):
        ACTIONS[action](dossier, request.getfixturevalue(persona))
    dossier.refresh_from_db()
    assert dossier.etat == EtatDossier.DEPOSE and not dossier.transitions.exclude(vers=EtatDossier.DEPOSE).exists()


@pytest.mark.parametrize(
    "action,etat",
    [("recevable", "en_instruction"), ("irrecevable", "irrecevable"), ("complements", "complements_demandes")],
)
@pytest.mark.parametrize("persona", ["instructeur", "administrateur"])
def test_the_city_decides_recevabilite(action, etat, persona, request):
    user = request.getfixturevalue(persona)
    dossier = dossier_depose()
    _complete(dossier, user)
    ACTIONS[action](dossier, user)
    dossier.refresh_from_db()
    assert dossier.etat == etat
    assert dossier.transitions.get(vers=etat).par == user


@pytest.mark.parametrize("persona", ["partenaire_cotech", "membre_copil", "conseil_citoyen"])
def test_only_the_city_proposes_to_the_copil_or_takes_a_dossier_back(persona, request, instructeur):
    dossier = dossier_depose()
    _complete(dossier, instructeur)
    services.dossier_declare_recevable(dossier=dossier, by=instructeur)
    for ligne in dossier.lignes_financement.all():
        ligne.avis, ligne.montant_propose = Avis.FAVORABLE, ligne.montant_demande
        ligne.save()
    dossier.synthese = "Action utile."
    dossier.save()
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        services.dossier_propose_au_copil(dossier=dossier, by=user)
    services.dossier_propose_au_copil(dossier=dossier, by=instructeur)
    with pytest.raises(PermissionDenied):
        services.dossier_reprendre_instruction(dossier=dossier, by=user)
    services.dossier_reprendre_instruction(dossier=dossier, by=instructeur)
    dossier.refresh_from_db()
    assert dossier.etat == EtatDossier.EN_INSTRUCTION


def test_a_partner_posting_a_decision_gets_a_403_and_nothing_changes(client, partenaire_cotech):
    dossier = dossier_depose()
    dossier.campagne.partenaires_invites.add(partenaire_cotech)
    client.force_login(partenaire_cotech)
    response = client.post(f"/instruction/dossiers/{dossier.pk}/irrecevable/", {"motif": "Non."})
    assert response.status_code == 403
    dossier.refresh_from_db()
    assert dossier.etat == EtatDossier.DEPOSE
