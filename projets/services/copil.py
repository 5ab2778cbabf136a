"""Writes of a COPIL séance: convocations, agenda, recusals, decisions per financeur line, closing, amendments.

Who may record a decision: the COPIL actor (projets/workflows.py), never on a dossier where their own seat is
recused. Closing checks the quorum and that every line is decided, then locks the decisions and moves each
dossier to retenu / non retenu through the state machine; a locked decision changes only by amendment.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, OuterRef, Q, Subquery
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from contratville.formatting import a, format_euros
from contratville.outbox import envoyer_apres_commit
from projets.enums import Avis, Decision, EtatDossier, StatutSeance, TypeInstance
from projets.models import (
    Amendement,
    Convocation,
    DecisionLigne,
    Dossier,
    Examen,
    LigneFinancement,
    MembreInstance,
    Porteur,
    PorteurMembre,
    Recusation,
    Seance,
)
from projets.selectors_copil import dossiers_recuses, lignes_sans_decision, seance_quorum, totaux_de_seance
from projets.services.dossiers import dossier_transition
from projets.services.instruction import ModificationConcurrente, changements_depuis
from projets.workflows import Acteur, acteurs_du_compte

MOTIF_STRUCTURE = "Représente la structure porteuse du dossier."
MOTIF_MEMBRE = "Membre de la structure porteuse du dossier."


class DepassementNonConfirme(ValidationError):
    """Closing would exceed an enveloppe: allowed, but only once someone confirms it explicitly."""


def _require_copil(user) -> None:
    if Acteur.COPIL not in acteurs_du_compte(user):
        raise PermissionDenied("Seuls les membres du comité de pilotage enregistrent ses décisions.")


def _require_copil_ouverte(seance: Seance) -> None:
    if seance.comite.type != TypeInstance.COPIL:
        raise ValidationError("Cette séance n'est pas une séance du comité de pilotage.", code="pas_copil")
    if seance.statut == StatutSeance.CLOSE:
        raise ValidationError(
            "La séance est close : ses décisions sont verrouillées. Pour en changer une, passez par un amendement.",
            code="seance_close",
        )


# --- Preparation: convocations, agenda, automatic recusals ---------------------------------------------------


@transaction.atomic
def seance_convoquer(*, seance: Seance, by) -> int:
    """Convoke every active seat of the instance (titulaires and suppléants); returns how many were added."""
    _require_copil(by)
    _require_copil_ouverte(seance)
    deja = set(seance.convocations.values_list("membre_id", flat=True))
    nouveaux = [
        Convocation(seance=seance, membre=membre)
        for membre in MembreInstance.objects.filter(comite_id=seance.comite_id, actif=True).exclude(pk__in=deja)
    ]
    bulk_create_with_history(nouveaux, Convocation, default_user=by)
    return len(nouveaux)


def _rangs_enjeu_axe(dossiers) -> list[Dossier]:
    """Dossiers ordered by their first axe (enjeu number, then axe number), then by number."""

    def cle(dossier):
        axes = sorted((axe.enjeu.numero, axe.numero) for axe in dossier.axes.all())
        return (axes[0] if axes else (999, 999), dossier.numero or "", dossier.pk)

    return sorted(dossiers, key=cle)


@transaction.atomic
def ordre_du_jour_preparer(*, seance: Seance, by) -> int:
    """Put on the agenda every dossier of the campagne proposed to the COPIL (instruit) and not yet there, ordered
    enjeu → axe after those already listed; one undecided line per financeur; automatic recusals. Idempotent."""
    _require_copil(by)
    _require_copil_ouverte(seance)
    nouveaux = _rangs_enjeu_axe(
        Dossier.objects.filter(campagne_id=seance.campagne_id, etat=EtatDossier.INSTRUIT)
        .exclude(examens__seance=seance)
        .prefetch_related("axes__enjeu")
    )
    dernier = seance.examens.order_by("-rang").values_list("rang", flat=True).first() or 0
    examens = [Examen(seance=seance, dossier=d, rang=dernier + i) for i, d in enumerate(nouveaux, start=1)]
    bulk_create_with_history(examens, Examen, default_user=by)
    lignes = LigneFinancement.objects.filter(dossier__in=[d.pk for d in nouveaux])
    bulk_create_with_history(
        [DecisionLigne(seance=seance, ligne=ligne) for ligne in lignes], DecisionLigne, default_user=by
    )
    recusations_automatiques(seance=seance, by=by)
    return len(nouveaux)


@transaction.atomic
def ordre_du_jour_reordonner(*, seance: Seance, rangs: dict[int, int], by) -> int:
    """New ranks for some dossiers of the agenda ({examen pk: rang}), while the séance is in preparation, as the
    agenda inline of the séance page did. Returns how many ranks changed."""
    if seance.statut == StatutSeance.CLOSE:
        raise ValidationError("La séance est close : son ordre du jour ne change plus.", code="seance_close")
    examens = seance.examens.select_for_update().in_bulk(list(rangs))
    if len(examens) != len(rangs):
        raise ValidationError("L'ordre du jour a changé entre-temps : rechargez la page.", code="examen_inconnu")
    changes = [examen for pk, examen in examens.items() if examen.rang != rangs[pk]]
    for examen in changes:
        examen.rang = rangs[examen.pk]
        examen._history_user = by
        examen.save(update_fields=["rang"])
    return len(changes)


def recusations_automatiques(*, seance: Seance, by=None) -> int:
    """A seat linked to the porteur of a dossier on the agenda is recused on it: it represents that structure
    (a conseil citoyen member's association, say), or its account acts for that structure."""
    sieges = list(MembreInstance.objects.filter(comite_id=seance.comite_id, actif=True))
    examens = list(seance.examens.values_list("dossier_id", "dossier__porteur_id"))
    porteurs_des_comptes = {}
    for user_id, porteur_id in PorteurMembre.objects.filter(
        user__in=[s.user_id for s in sieges if s.user_id]
    ).values_list("user_id", "porteur_id"):
        porteurs_des_comptes.setdefault(user_id, set()).add(porteur_id)
    existantes = set(seance.recusations.values_list("dossier_id", "membre_id"))
    nouvelles = []
    for dossier_id, porteur_id in examens:
        for siege in sieges:
            if (dossier_id, siege.pk) in existantes:
                continue
            if siege.structure_id == porteur_id:
                motif = MOTIF_STRUCTURE
            elif porteur_id in porteurs_des_comptes.get(siege.user_id, ()):
                motif = MOTIF_MEMBRE
            else:
                continue
            nouvelles.append(
                Recusation(seance=seance, dossier_id=dossier_id, membre=siege, motif=motif, automatique=True)
            )
    bulk_create_with_history(nouvelles, Recusation, default_user=by)
    return len(nouvelles)


@transaction.atomic
def conflit_declarer(*, seance: Seance, dossier: Dossier, membre: MembreInstance, motif: str, by) -> Recusation:
    """A member declares a conflict of interest on a dossier: they take no part in its decision."""
    _require_copil(by)
    _require_copil_ouverte(seance)
    if not motif.strip():
        raise ValidationError({"motif": "Indiquez la nature du conflit d'intérêts."})
    if membre.comite_id != seance.comite_id:
        raise ValidationError({"membre": "Ce siège n'appartient pas à l'instance de la séance."})
    if not seance.examens.filter(dossier=dossier).exists():
        raise ValidationError({"dossier": "Ce dossier n'est pas à l'ordre du jour de la séance."})
    recusation, _ = Recusation.objects.get_or_create(
        seance=seance, dossier=dossier, membre=membre, defaults={"motif": motif.strip(), "automatique": False}
    )
    return recusation


# --- Decisions --------------------------------------------------------------------------------------------------


def _verifier_decision(ligne: LigneFinancement, decision: str, montant: Decimal | None, motif: str) -> None:
    if decision not in Decision.values:
        raise ValidationError({"decision": "Choisissez accordé, refusé ou ajourné."})
    if decision == Decision.ACCORDE:
        if montant is None or montant <= 0:
            raise ValidationError({"montant_vote": "Indiquez le montant accordé, supérieur à 0 €."})
        if montant > ligne.montant_demande:
            raise ValidationError(
                {
                    "montant_vote": f"Le montant voté dépasse le montant demandé {a(ligne.financeur)} "
                    f"({format_euros(ligne.montant_demande)})."
                }
            )
    elif montant:
        raise ValidationError({"montant_vote": "Seule une subvention accordée a un montant : laissez ce champ vide."})
    if decision == Decision.REFUSE and not motif.strip():
        raise ValidationError({"motif": "Un refus doit être motivé : la structure recevra ce motif."})


def _refuser_si_recuse(decision: DecisionLigne, by) -> None:
    if decision.ligne.dossier_id in dossiers_recuses(seance=decision.seance, user=by):
        raise PermissionDenied(
            f"Vous êtes déporté ou déportée sur le dossier {decision.ligne.dossier} : "
            "aucune décision ne peut être enregistrée par vous sur ce dossier."
        )


@transaction.atomic
def decision_enregistrer(
    *, decision: DecisionLigne, by, version: int, choix: str, montant_vote: Decimal | None, motif: str
) -> DecisionLigne:
    """Record the COPIL's decision on one line, refused if someone else recorded it since `version` was read."""
    _require_copil(by)
    seance = Seance.objects.select_related("comite").get(pk=decision.seance_id)
    _require_copil_ouverte(seance)
    if decision.verrouillee:
        raise ValidationError("Cette décision est verrouillée : passez par un amendement.", code="verrouillee")
    _refuser_si_recuse(decision, by)
    _verifier_decision(decision.ligne, choix, montant_vote, motif)
    updated = DecisionLigne.objects.filter(pk=decision.pk, version=version, verrouillee=False).update(
        version=F("version") + 1
    )
    if not updated:
        decision.refresh_from_db()
        par, changements = changements_depuis(decision, version)
        raise ModificationConcurrente(
            f"{par} a enregistré cette décision pendant que vous la saisissiez : votre saisie n'a pas été "
            "enregistrée. Vérifiez la décision actuelle puis enregistrez à nouveau.",
            par=par,
            changements=changements,
        )
    decision.refresh_from_db(fields=["version"])
    decision.decision = choix
    decision.montant_vote = montant_vote if choix == Decision.ACCORDE else None
    decision.motif = motif.strip()
    decision.par = by
    decision._history_user = by
    decision.save(update_fields=["decision", "montant_vote", "motif", "par"])
    return decision


@dataclass(frozen=True)
class ResultatLot:
    validees: int
    deja_decidees: int
    recusees: int


@transaction.atomic
def propositions_valider(*, seance: Seance, dossiers, by) -> ResultatLot:
    """Batch: each undecided line of the chosen dossiers takes the instruction's proposal — accordé at the amount
    proposed, or refusé with the instruction's motivation when the avis is défavorable or nothing is proposed.
    Lines already decided are left alone; dossiers where `by` is recused are skipped."""
    _require_copil(by)
    seance = Seance.objects.select_related("comite").get(pk=seance.pk)
    _require_copil_ouverte(seance)
    recuses = dossiers_recuses(seance=seance, user=by)
    decisions = (
        DecisionLigne.objects.select_for_update(of=("self",))
        .filter(seance=seance, ligne__dossier__in=dossiers, verrouillee=False)
        .select_related("ligne__financeur")
    )
    validees = deja = recusees = 0
    for decision in decisions:
        if decision.ligne.dossier_id in recuses:
            recusees += 1
            continue
        if decision.decision:
            deja += 1
            continue
        ligne = decision.ligne
        if ligne.avis != Avis.DEFAVORABLE and ligne.montant_propose:
            decision.decision, decision.montant_vote, decision.motif = Decision.ACCORDE, ligne.montant_propose, ""
        else:
            decision.decision, decision.montant_vote = Decision.REFUSE, None
            decision.motif = ligne.commentaire_avis or "Avis défavorable de l'instruction."
        decision.par = by
        decision.version += 1
        decision._history_user = by
        decision.save(update_fields=["decision", "montant_vote", "motif", "par", "version"])
        validees += 1
    return ResultatLot(validees=validees, deja_decidees=deja, recusees=recusees)


# --- Closing and amendments --------------------------------------------------------------------------------------


def manques_pour_clore(*, seance: Seance) -> list[str]:
    """What prevents closing, in French; an exceeded enveloppe is not one of them (it asks for confirmation)."""
    manques = []
    quorum = seance_quorum(seance=seance)
    if not quorum.atteint:
        manques.append(quorum.message)
    sans = lignes_sans_decision(seance=seance).count()
    if sans:
        manques.append(f"{sans} ligne(s) de financement sans décision.")
    if not seance.examens.exists():
        manques.append("L'ordre du jour est vide.")
    return manques


def depassements(*, seance: Seance) -> list[str]:
    return [
        f"{total.financeur} : {format_euros(total.vote)} accordés pour une enveloppe de "
        f"{format_euros(total.enveloppe)} (dépassement de {format_euros(-total.restant)})."
        for total in totaux_de_seance(seance=seance)
        if total.depassee
    ]


def _etat_apres_vote(decisions: list[str]) -> str:
    if Decision.ACCORDE in decisions:
        return EtatDossier.RETENU
    if decisions and all(d == Decision.REFUSE for d in decisions):
        return EtatDossier.NON_RETENU
    return EtatDossier.INSTRUIT  # adjourned: examined again at a later séance


def _montant_final(decision: DecisionLigne) -> Decimal | None:
    if decision.decision == Decision.ACCORDE:
        return decision.montant_vote
    return Decimal("0") if decision.decision == Decision.REFUSE else None


@transaction.atomic
def seance_clore(*, seance: Seance, by, confirmer_depassement: bool = False) -> Seance:
    """Check quorum and decisions, lock every decision, carry the amounts voted onto the lines, move each
    dossier to retenu or non retenu. An exceeded enveloppe needs `confirmer_depassement`."""
    _require_copil(by)
    seance = Seance.objects.select_for_update().select_related("comite").get(pk=seance.pk)
    _require_copil_ouverte(seance)
    manques = manques_pour_clore(seance=seance)
    if manques:
        raise ValidationError(["La séance ne peut pas être close."] + manques)
    alertes = depassements(seance=seance)
    if alertes and not confirmer_depassement:
        raise DepassementNonConfirme(
            ["Enveloppe dépassée : confirmez explicitement pour clore la séance malgré tout."] + alertes
        )
    par_dossier: dict[int, list[str]] = {}
    for decision in DecisionLigne.objects.filter(seance=seance).select_related("ligne"):
        decision.verrouillee = True
        decision._history_user = by
        decision.save(update_fields=["verrouillee"])
        decision.ligne.montant_vote = _montant_final(decision)
        decision.ligne._history_user = by
        decision.ligne.save(update_fields=["montant_vote"])
        par_dossier.setdefault(decision.ligne.dossier_id, []).append(decision.decision)
    decides = []
    for dossier in Dossier.objects.filter(pk__in=par_dossier):
        vers = _etat_apres_vote(par_dossier[dossier.pk])
        if vers != dossier.etat:
            dossier_transition(dossier=dossier, vers=vers, acteur=Acteur.COPIL, by=by, motif=f"Décision du {seance}")
        if vers != EtatDossier.INSTRUIT:  # adjourned: no decision yet
            decides.append(dossier.pk)
    _noms_a_la_decision(decides)
    seance.statut = StatutSeance.CLOSE
    seance.close_le = timezone.now()
    seance.close_par = by
    seance._history_user = by
    seance.save(update_fields=["statut", "close_le", "close_par"])
    _rafraichir_chiffres(seance)
    return seance


def _noms_a_la_decision(dossier_ids: list[int]) -> None:
    """The structure's name as the COPIL decided: what is published, whatever the structure is renamed later."""
    nom = Porteur.objects.filter(pk=OuterRef("porteur_id")).values("raison_sociale")[:1]
    Dossier.objects.filter(pk__in=dossier_ids).update(porteur_nom_decision=Subquery(nom))


def _rafraichir_chiffres(seance: Seance) -> None:
    from projets.tasks import refresh_campagne_statistique

    envoyer_apres_commit(refresh_campagne_statistique, seance.campagne_id)


def _photo(decision: DecisionLigne) -> dict:
    montant = decision.montant_vote
    return {
        "decision": decision.decision,
        "montant_vote": str(montant) if montant is not None else None,
        "motif": decision.motif,
    }


@transaction.atomic
def decision_amender(
    *, decision: DecisionLigne, by, choix: str, montant_vote: Decimal | None, motif: str, motif_amendement: str
) -> Amendement:
    """Change a locked decision: the reason is mandatory, the before/after recorded, the line's amount and the
    dossier's state follow."""
    _require_copil(by)
    decision = (
        DecisionLigne.objects.select_for_update().select_related("ligne__financeur", "seance").get(pk=decision.pk)
    )
    if not decision.verrouillee:
        raise ValidationError("Cette décision n'est pas encore verrouillée : modifiez-la directement.")
    if not motif_amendement.strip():
        raise ValidationError({"motif_amendement": "Un amendement doit être motivé."})
    _refuser_si_recuse(decision, by)
    _verifier_decision(decision.ligne, choix, montant_vote, motif)
    avant = _photo(decision)
    decision.decision = choix
    decision.montant_vote = montant_vote if choix == Decision.ACCORDE else None
    decision.motif = motif.strip()
    decision.version += 1
    decision._history_user = by
    decision._change_reason = motif_amendement.strip()
    decision.save(update_fields=["decision", "montant_vote", "motif", "version"])
    ligne = decision.ligne
    ligne.montant_vote = _montant_final(decision)
    ligne._history_user = by
    ligne._change_reason = motif_amendement.strip()
    ligne.save(update_fields=["montant_vote"])
    amendement = Amendement.objects.create(
        decision=decision,
        motif=motif_amendement.strip(),
        avant=avant,
        apres=_photo(decision),
        par=by,
        le=timezone.now(),
    )
    _suivre_etat_du_dossier(ligne.dossier_id, by=by, motif=f"Amendement : {motif_amendement.strip()}")
    _rafraichir_chiffres(decision.seance)
    return amendement


def _suivre_etat_du_dossier(dossier_id: int, *, by, motif: str) -> None:
    """After an amendment, a retained dossier with no line granted any more is no longer retained, and back."""
    dossier = Dossier.objects.get(pk=dossier_id)
    if dossier.etat not in (EtatDossier.RETENU, EtatDossier.NON_RETENU):
        return
    derniers = DecisionLigne.objects.filter(ligne__dossier=dossier, verrouillee=True).filter(
        ~Q(decision=Decision.AJOURNE)
    )
    vers = _etat_apres_vote(list(derniers.values_list("decision", flat=True)))
    if vers in (EtatDossier.RETENU, EtatDossier.NON_RETENU) and vers != dossier.etat:
        dossier_transition(dossier=dossier, vers=vers, acteur=Acteur.COPIL, by=by, motif=motif)
