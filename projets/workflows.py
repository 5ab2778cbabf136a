"""The dossier state machine: every allowed (from, to) pair and who may trigger it.

`projets.services.dossiers.dossier_transition` is the only writer of `Dossier.etat`; it refuses any pair
absent from this table and logs each change in TransitionDossier. Staff transitions get their guards with
the instruction back-office; the pairs are all declared here so that the table is the single reference.
"""

from enum import StrEnum

from comptes.roles import Role
from projets.enums import EtatDossier as E


class Acteur(StrEnum):
    PORTEUR = "porteur"
    INSTRUCTION = "instruction"  # service politique de la ville, COTECH
    COPIL = "copil"
    SUIVI = "suivi"  # conventions, payments, bilans


TRANSITIONS: dict[tuple[str, str], set[Acteur]] = {
    (E.BROUILLON, E.DEPOSE): {Acteur.PORTEUR},
    (E.DEPOSE, E.RETIRE): {Acteur.PORTEUR},
    (E.DEPOSE, E.EN_INSTRUCTION): {Acteur.INSTRUCTION},
    (E.DEPOSE, E.IRRECEVABLE): {Acteur.INSTRUCTION},
    (E.DEPOSE, E.COMPLEMENTS_DEMANDES): {Acteur.INSTRUCTION},
    (E.EN_INSTRUCTION, E.COMPLEMENTS_DEMANDES): {Acteur.INSTRUCTION},
    (E.COMPLEMENTS_DEMANDES, E.EN_INSTRUCTION): {Acteur.PORTEUR, Acteur.INSTRUCTION},
    (E.COMPLEMENTS_DEMANDES, E.RETIRE): {Acteur.PORTEUR},
    (E.COMPLEMENTS_DEMANDES, E.IRRECEVABLE): {Acteur.INSTRUCTION},
    (E.EN_INSTRUCTION, E.INSTRUIT): {Acteur.INSTRUCTION},
    (E.EN_INSTRUCTION, E.IRRECEVABLE): {Acteur.INSTRUCTION},
    (E.INSTRUIT, E.EN_INSTRUCTION): {Acteur.INSTRUCTION},
    (E.INSTRUIT, E.RETENU): {Acteur.COPIL},
    (E.INSTRUIT, E.NON_RETENU): {Acteur.COPIL},
    # An amendment to a locked decision may turn a retained dossier down, or the other way round.
    (E.RETENU, E.NON_RETENU): {Acteur.COPIL},
    (E.NON_RETENU, E.RETENU): {Acteur.COPIL},
    (E.RETENU, E.CONVENTIONNE): {Acteur.SUIVI},
    (E.CONVENTIONNE, E.EN_COURS): {Acteur.SUIVI},
    (E.EN_COURS, E.REALISE): {Acteur.SUIVI, Acteur.PORTEUR},
    (E.REALISE, E.BILAN_DEPOSE): {Acteur.PORTEUR},
    # A bilan returned to the porteur for completion is no longer filed: the action is back to réalisé.
    (E.BILAN_DEPOSE, E.REALISE): {Acteur.SUIVI},
    (E.BILAN_DEPOSE, E.BILAN_VALIDE): {Acteur.SUIVI},
    (E.BILAN_VALIDE, E.TERMINE): {Acteur.SUIVI},
}

# States in which the porteur may still edit the content of the dossier.
ETATS_MODIFIABLES = {E.BROUILLON}
# When the instruction asks for more (compléments demandés), only the steps its request reopened are editable,
# attachments included (projets.selectors_complements.etapes_modifiables). Standing documents may be replaced
# at any time: a new version does not change what an earlier dépôt froze.
ETATS_PIECES_MODIFIABLES = ETATS_MODIFIABLES | {E.COMPLEMENTS_DEMANDES}
# States in which the instruction may still change avis, amounts and analysis.
ETATS_INSTRUCTION_OUVERTE = {E.DEPOSE, E.EN_INSTRUCTION, E.COMPLEMENTS_DEMANDES}


# Who acts as what, by role. The porteur actor is not a role: it is being a member of the dossier's porteur.
# COTECH partners give their avis on their own financeur's lines but move no dossier from state to state.
ACTEURS_PAR_ROLE = {
    Role.INSTRUCTEUR: {Acteur.INSTRUCTION, Acteur.SUIVI},
    Role.ADMINISTRATEUR: {Acteur.INSTRUCTION, Acteur.SUIVI, Acteur.COPIL},
    Role.MEMBRE_COPIL: {Acteur.COPIL},
}


def acteurs_du_compte(user) -> set[Acteur]:
    if not (user.is_authenticated and user.is_staff):
        return set()
    roles = {group.name for group in user.groups.all()}
    return set().union(*(ACTEURS_PAR_ROLE.get(role, set()) for role in roles))


def transition_allowed(de: str, vers: str, acteur: Acteur) -> bool:
    return acteur in TRANSITIONS.get((de, vers), set())
