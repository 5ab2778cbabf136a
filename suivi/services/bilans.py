"""The porteur's bilan: opened pre-filled, saved as often as needed, filed, then validated by the service
(or returned for completion), and presented to the COPIL."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from projets.enums import EtatDossier, MomentQuestion, TypeInstance
from projets.models import Dossier, QuestionEgalite, Seance
from projets.services.dossiers import dossier_transition
from projets.services.notifications import destinataires_porteur, notifier
from projets.workflows import Acteur
from suivi.enums import EtatBilan
from suivi.models import Bilan, BilanLigneBudget, BilanQuartier, BilanReponseEgalite
from suivi.rules import ETATS_BILAN_SAISISSABLE, bilan_date_limite
from suivi.selectors import bilan_manques
from suivi.services.indicateurs import valeurs_du_bilan_record
from suivi.services.versements import solde_schedule

ETATS_MODIFIABLES = {EtatBilan.BROUILLON, EtatBilan.A_CORRIGER}
# Days after the validation when the solde is due.
DELAI_SOLDE_JOURS = 30


@transaction.atomic
def bilan_open(*, dossier: Dossier) -> Bilan:
    """The dossier's bilan, created on first use with its due date and the planned budget to compare with."""
    bilan = Bilan.objects.filter(dossier=dossier).first()
    if bilan:
        return bilan
    bilan = Bilan.objects.create(
        dossier=dossier,
        date_limite=bilan_date_limite(annee=dossier.campagne.annee, date_fin=dossier.date_fin),
        date_debut_reelle=dossier.date_debut,
        date_fin_reelle=dossier.date_fin,
        lieux=dossier.lieux,
    )
    BilanLigneBudget.objects.bulk_create(
        [
            BilanLigneBudget(bilan=bilan, compte=ligne.compte, prevu=ligne.montant)
            for ligne in dossier.lignes_budget.all()
        ]
        + [
            BilanLigneBudget(bilan=bilan, financeur_id=ligne.financeur_id, prevu=ligne.montant_vote or Decimal("0"))
            for ligne in dossier.lignes_financement.all()
        ]
    )
    return bilan


def _verrouiller(bilan: Bilan, version: int) -> Bilan:
    verrouille = Bilan.objects.select_for_update().get(pk=bilan.pk)
    if verrouille.etat not in ETATS_MODIFIABLES:
        raise ValidationError(f"Le bilan est « {verrouille.get_etat_display()} » : il ne peut plus être modifié.")
    if verrouille.version != version:
        raise ValidationError(
            "Le bilan vient d'être enregistré depuis un autre onglet ou par une autre personne : rechargez la page "
            "(votre saisie reste affichée ci-dessous, copiez-la si besoin).",
            code="concurrent",
        )
    return verrouille


@transaction.atomic
def bilan_save(
    *,
    bilan: Bilan,
    version: int,
    valeurs: dict,
    budget: dict[int, tuple[Decimal | None, str]],
    quartiers: dict[int, int | None],
    egalite: dict[int, tuple[list[str], str]],
    indicateurs: dict[int, Decimal | None] | None = None,
    by=None,
) -> Bilan:
    """Save what the porteur typed. `budget` maps BilanLigneBudget ids to (réalisé, explication), `quartiers`
    quartier ids to a count (None removes it), `egalite` question ids to (choix, précisions), `indicateurs`
    the action's indicator ids to the value reached in the programmation year."""
    bilan = _verrouiller(bilan, version)
    for nom, valeur in valeurs.items():
        setattr(bilan, nom, valeur)
    bilan.version += 1
    bilan._history_user = by
    bilan.save()
    for ligne in bilan.lignes_budget.filter(pk__in=budget):
        ligne.realise, ligne.explication = budget[ligne.pk]
        ligne.save(update_fields=["realise", "explication"])
    for quartier_id, nombre in quartiers.items():
        if nombre is None:
            BilanQuartier.objects.filter(bilan=bilan, quartier_id=quartier_id).delete()
        else:
            BilanQuartier.objects.update_or_create(bilan=bilan, quartier_id=quartier_id, defaults={"nombre": nombre})
    for question_id, (choix, precisions) in egalite.items():
        BilanReponseEgalite.objects.update_or_create(
            bilan=bilan, question_id=question_id, defaults={"choix": list(choix), "precisions": precisions}
        )
    if indicateurs:
        valeurs_du_bilan_record(dossier=bilan.dossier, valeurs=indicateurs, by=by)
    return bilan


@transaction.atomic
def bilan_submit(*, bilan: Bilan, by, moment: datetime.datetime | None = None) -> Bilan:
    """File the bilan: everything required is there, the action is réalisée, the dossier's bilan déposé."""
    bilan = Bilan.objects.select_for_update().select_related("dossier").get(pk=bilan.pk)
    if bilan.etat not in ETATS_MODIFIABLES:
        raise ValidationError(f"Le bilan est déjà « {bilan.get_etat_display()} ».")
    dossier = bilan.dossier
    if dossier.etat not in ETATS_BILAN_SAISISSABLE:
        raise ValidationError(
            f"Le dossier est à l'état « {dossier.get_etat_display()} » : le bilan se dépose une fois l'action "
            "commencée."
        )
    manques = bilan_manques(bilan=bilan)
    if manques:
        raise ValidationError([ValidationError(m, code="incomplet") for m in manques])
    if dossier.etat == EtatDossier.EN_COURS:
        dossier = dossier_transition(dossier=dossier, vers=EtatDossier.REALISE, acteur=Acteur.PORTEUR, by=by)
    if dossier.etat == EtatDossier.REALISE:
        dossier_transition(dossier=dossier, vers=EtatDossier.BILAN_DEPOSE, acteur=Acteur.PORTEUR, by=by)
    bilan.etat, bilan.depose_le, bilan.depose_par = EtatBilan.DEPOSE, moment or timezone.now(), by
    bilan.version += 1
    bilan._history_user = by
    bilan.save()
    return bilan


def _verrouiller_depose(bilan: Bilan) -> Bilan:
    bilan = Bilan.objects.select_for_update().select_related("dossier__porteur").get(pk=bilan.pk)
    if bilan.etat != EtatBilan.DEPOSE:
        raise ValidationError(f"Le bilan est « {bilan.get_etat_display()} » : seul un bilan déposé s'examine.")
    return bilan


@transaction.atomic
def bilan_validate(*, bilan: Bilan, by, commentaire: str = "") -> Bilan:
    """Validate a filed bilan: the dossier's bilan is validé and its soldes become due."""
    bilan = _verrouiller_depose(bilan)
    dossier_transition(dossier=bilan.dossier, vers=EtatDossier.BILAN_VALIDE, acteur=Acteur.SUIVI, by=by)
    bilan.etat, bilan.valide_le, bilan.valide_par = EtatBilan.VALIDE, timezone.now(), by
    bilan.commentaire_suivi = commentaire
    bilan.version += 1
    bilan._history_user = by
    bilan.save()
    solde_schedule(
        dossier=bilan.dossier, date_prevue=timezone.localdate() + datetime.timedelta(days=DELAI_SOLDE_JOURS), by=by
    )
    notifier(
        destinataires=destinataires_porteur(bilan.dossier),
        sujet=f"Bilan validé : {bilan.dossier.intitule}",
        gabarit="suivi/emails/bilan_valide.txt",
        contexte={"bilan": bilan},
    )
    return bilan


@transaction.atomic
def bilan_return(*, bilan: Bilan, by, motif: str) -> Bilan:
    """Send a filed bilan back to the porteur with what to complete: the dossier goes back from « bilan déposé »
    to « réalisé » until the bilan is filed again."""
    if not motif.strip():
        raise ValidationError({"motif": "Indiquez ce que la structure doit compléter ou corriger."})
    bilan = _verrouiller_depose(bilan)
    if bilan.dossier.etat == EtatDossier.BILAN_DEPOSE:
        dossier_transition(
            dossier=bilan.dossier, vers=EtatDossier.REALISE, acteur=Acteur.SUIVI, by=by, motif="Bilan à compléter"
        )
    bilan.etat, bilan.commentaire_suivi = EtatBilan.A_CORRIGER, motif.strip()
    bilan.version += 1
    bilan._history_user = by
    bilan.save()
    notifier(
        destinataires=destinataires_porteur(bilan.dossier),
        sujet=f"Bilan à compléter : {bilan.dossier.intitule}",
        gabarit="suivi/emails/bilan_a_corriger.txt",
        contexte={"bilan": bilan},
    )
    return bilan


@transaction.atomic
def bilans_present_to_copil(*, seance: Seance, bilans: list[Bilan]) -> int:
    """The COPIL takes note of validated bilans in a séance (« bilans validés » on its agenda)."""
    if seance.comite.type != TypeInstance.COPIL:
        raise ValidationError("Les bilans se présentent en séance du comité de pilotage.")
    pas_valides = [b for b in bilans if b.etat != EtatBilan.VALIDE]
    if pas_valides:
        raise ValidationError(f"Seuls les bilans validés se présentent au COPIL : « {pas_valides[0].dossier} ».")
    for bilan in bilans:
        bilan.seance_copil = seance
        bilan.save(update_fields=["seance_copil"])
    return len(bilans)


def questions_du_bilan():
    return QuestionEgalite.objects.filter(moment=MomentQuestion.BILAN).order_by("numero")
