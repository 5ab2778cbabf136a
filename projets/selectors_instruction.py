"""Reads of the instruction back-office: what the staff page of a dossier shows, and the "mes dossiers" list."""

from django.db.models import Prefetch, Q, QuerySet

from projets.enums import EtatDossier
from projets.models import Dossier, LigneFinancement, NoteCritere
from projets.selectors import dossiers_visibles
from projets.selectors_complements import complements_du_dossier
from projets.selectors_cotech import cotech_du_dossier
from projets.selectors_dossier import dossier_totaux
from projets.selectors_echanges import contexte_echanges
from projets.selectors_enveloppes import enveloppes_des_lignes
from projets.selectors_historique import historique_dossier
from projets.services.instruction import (
    demande_en_cours,
    est_instructeur,
    instruit_le_dossier,
    manques_pour_proposer,
    peut_instruire_ligne,
)
from projets.workflows import ETATS_INSTRUCTION_OUVERTE


def contexte_instruction(*, dossier: Dossier, user) -> dict:
    lignes = list(
        dossier.lignes_financement.select_related("financeur", "referent").prefetch_related("financeur__agents")
    )
    for ligne in lignes:
        ligne.modifiable = dossier.etat in ETATS_INSTRUCTION_OUVERTE and peut_instruire_ligne(user, ligne)
    enveloppes_des_lignes(campagne=dossier.campagne, lignes=lignes)
    criteres = list(dossier.campagne.criteres_analyse.all())
    notes = {n.critere_id: n for n in NoteCritere.objects.filter(dossier=dossier)}
    analyse_initiale = {"synthese": dossier.synthese, "version": dossier.version}
    for critere in criteres:
        note = notes.get(critere.pk)
        analyse_initiale[f"note_{critere.pk}"] = note.note if note else None
        analyse_initiale[f"commentaire_{critere.pk}"] = note.commentaire if note else ""
    instructeur = est_instructeur(user)
    etat = dossier.etat
    return {
        "dossier": dossier,
        "totaux": dossier_totaux(dossier=dossier),
        "lignes": lignes,
        "criteres": criteres,
        "notes_criteres": [(critere, notes.get(critere.pk)) for critere in criteres],
        "analyse_modifiable": etat in ETATS_INSTRUCTION_OUVERTE and instruit_le_dossier(user, dossier),
        "analyse_initiale": analyse_initiale,
        "recevabilite": getattr(dossier, "recevabilite", None),
        "demande_en_cours": demande_en_cours(dossier),
        "demandes": list(dossier.demandes_complements.select_related("demandee_par")),
        "complements": complements_du_dossier(dossier=dossier),  # each request with what its answer changed
        "transitions": list(dossier.transitions.select_related("par")),
        "historique": historique_dossier(dossier=dossier),
        **contexte_echanges(dossier=dossier, user=user),
        "est_instructeur": instructeur,
        "peut_decider_recevabilite": instructeur and etat == EtatDossier.DEPOSE,
        "peut_demander_complements": instructeur and etat in (EtatDossier.DEPOSE, EtatDossier.EN_INSTRUCTION),
        "peut_declarer_irrecevable": instructeur and etat in ETATS_INSTRUCTION_OUVERTE,
        "peut_proposer": instructeur and etat == EtatDossier.EN_INSTRUCTION,
        "peut_reprendre": instructeur and etat == EtatDossier.INSTRUIT,
        "manques_pour_proposer": manques_pour_proposer(dossier) if etat == EtatDossier.EN_INSTRUCTION else [],
        "conflit": None,
        "conflit_ligne": None,
        **cotech_du_dossier(dossier=dossier),
    }


def mes_dossiers(*, user) -> QuerySet[Dossier]:
    """Dossiers the user is the référent of, as a whole or for one financeur line, still being instructed."""
    return (
        dossiers_visibles(user=user)
        .filter(Q(referent=user) | Q(lignes_financement__referent=user))
        .exclude(etat=EtatDossier.BROUILLON)
        .distinct()
        .select_related("campagne", "porteur")
        .prefetch_related(
            Prefetch(
                "lignes_financement",
                queryset=LigneFinancement.objects.filter(referent=user).select_related("financeur"),
                to_attr="mes_lignes",
            )
        )
        .order_by("campagne__annee", "numero")
    )
