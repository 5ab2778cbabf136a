"""The action's status with its real dates: started, carried out, cancelled."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from projets.enums import EtatDossier
from projets.models import Dossier
from projets.services.dossiers import dossier_transition
from projets.workflows import Acteur
from suivi.models import SuiviAction, Versement


def _suivi(dossier: Dossier) -> SuiviAction:
    """The dossier's suivi, locked; a new one is created by the caller's save(), so its history has an author."""
    return SuiviAction.objects.select_for_update().filter(dossier=dossier).first() or SuiviAction(dossier=dossier)


def _pas_annulee(suivi: SuiviAction) -> None:
    if suivi.annulee_le:
        raise ValidationError(f"L'action a été annulée le {suivi.annulee_le:%d/%m/%Y} : son suivi est clos.")


@transaction.atomic
def action_start(*, dossier: Dossier, debut: datetime.date, by) -> Dossier:
    """The action has started (its convention signed): the dossier goes en cours."""
    suivi = _suivi(dossier)
    _pas_annulee(suivi)
    if dossier.etat not in (EtatDossier.CONVENTIONNE, EtatDossier.EN_COURS):
        raise ValidationError(
            {"debut": f"Le dossier est « {dossier.get_etat_display()} » : le début s'indique une fois la convention "
             "signée et avant la fin de l'action."}
        )  # fmt: skip
    if suivi.fin_reelle and debut > suivi.fin_reelle:
        raise ValidationError({"debut": "Le début de l'action ne peut pas suivre sa fin."})
    suivi.debut_reel = debut
    suivi._history_user = by  # the history's author, also outside a request (Celery, commands, demo)
    suivi.save()
    if dossier.etat == EtatDossier.CONVENTIONNE:
        dossier = dossier_transition(dossier=dossier, vers=EtatDossier.EN_COURS, acteur=Acteur.SUIVI, by=by)
    return dossier


@transaction.atomic
def action_finish(*, dossier: Dossier, fin: datetime.date, by, acteur: Acteur = Acteur.SUIVI) -> Dossier:
    """The action is over: the dossier goes réalisé and its bilan is expected."""
    suivi = _suivi(dossier)
    _pas_annulee(suivi)
    if dossier.etat not in (EtatDossier.EN_COURS, EtatDossier.REALISE):
        raise ValidationError(
            {"fin": f"Le dossier est « {dossier.get_etat_display()} » : indiquez d'abord le début de l'action."}
        )
    if suivi.debut_reel and fin < suivi.debut_reel:
        raise ValidationError({"fin": "La fin de l'action ne peut pas précéder son début."})
    suivi.fin_reelle = fin
    suivi._history_user = by
    suivi.save()
    if dossier.etat == EtatDossier.EN_COURS:
        dossier = dossier_transition(dossier=dossier, vers=EtatDossier.REALISE, acteur=acteur, by=by)
    return dossier


@transaction.atomic
def action_cancel(*, dossier: Dossier, le: datetime.date, motif: str, by) -> SuiviAction:
    """Cancel a funded action: no bilan is asked any more and the payments not made are withdrawn."""
    if not motif.strip():
        raise ValidationError({"motif": "Indiquez pourquoi l'action est annulée."})
    if dossier.etat in (EtatDossier.BILAN_VALIDE, EtatDossier.TERMINE):
        raise ValidationError("L'action est terminée et son bilan validé : elle ne peut plus être annulée.")
    suivi = _suivi(dossier)
    _pas_annulee(suivi)
    suivi.annulee_le, suivi.motif_annulation = le, motif.strip()
    suivi._history_user = by
    suivi.save()
    for versement in Versement.objects.filter(ligne__dossier=dossier, date_versement__isnull=True):
        versement._history_user = by
        versement.delete()  # through delete(): the history keeps what was planned
    return suivi
