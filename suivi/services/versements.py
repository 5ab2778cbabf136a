"""Payments: the schedule of each voted line (avance, solde), what is paid and when, and the states the
payments move the dossier to (first payment: en cours; last payment after the bilan: terminé)."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from projets.enums import EtatDossier
from projets.models import Dossier
from projets.services.dossiers import dossier_transition
from projets.workflows import Acteur
from suivi.enums import EtatBilan, TypeVersement
from suivi.models import Bilan, Versement
from suivi.rules import DELAI_AVANCE_JOURS, ZERO, repartition_avance_solde


def echeancier_create(*, dossier: Dossier, date_signature: datetime.date, by) -> list[Versement]:
    """An avance (80 %) due 30 days after the signature and a solde (the exact rest) after the bilan, for each
    line with a voted amount; nothing is created twice."""
    crees = []
    for ligne in dossier.lignes_financement.filter(montant_vote__gt=0):
        if ligne.versements.exists():
            continue
        avance, solde = repartition_avance_solde(ligne.montant_vote)
        crees.append(
            Versement(
                ligne=ligne,
                type=TypeVersement.AVANCE,
                montant_prevu=avance,
                date_prevue=date_signature + datetime.timedelta(days=DELAI_AVANCE_JOURS),
            )
        )
        if solde:
            crees.append(Versement(ligne=ligne, type=TypeVersement.SOLDE, montant_prevu=solde))
    return bulk_create_with_history(crees, Versement, default_user=by)


def _bilan_valide(dossier: Dossier) -> bool:
    return Bilan.objects.filter(dossier=dossier, etat=EtatBilan.VALIDE).exists()


@transaction.atomic
def versement_pay(
    *, versement: Versement, montant: Decimal, date_versement: datetime.date, by, reference: str = ""
) -> Versement:
    """Record a payment. The solde waits for the validated bilan; nothing is paid beyond the planned amount."""
    ligne = versement.ligne
    dossier = Dossier.objects.get(pk=ligne.dossier_id)
    if versement.type == TypeVersement.SOLDE and not _bilan_valide(dossier):
        raise ValidationError("Le solde se verse une fois le bilan validé.", code="bilan_non_valide")
    if montant is None or montant <= ZERO:
        raise ValidationError({"montant": "Indiquez le montant versé, supérieur à 0 €."})
    if montant > versement.montant_prevu:
        raise ValidationError(
            {"montant": f"Le montant versé dépasse le montant prévu ({versement.montant_prevu} €) : corrigez-le."}
        )
    if date_versement > timezone.localdate():
        raise ValidationError({"date_versement": "La date du versement ne peut pas être dans le futur."})
    # Locked and compared with the version the form showed: a second person paying it is refused, and
    # save() keeps the history of who recorded what.
    verrouille = Versement.objects.select_for_update().get(pk=versement.pk)
    if verrouille.version != versement.version or verrouille.est_verse:
        raise ValidationError("Ce versement vient d'être enregistré par quelqu'un d'autre : rechargez la page.")
    verrouille.montant_verse, verrouille.date_versement = montant, date_versement
    verrouille.reference, verrouille.saisi_par, verrouille.version = reference, by, verrouille.version + 1
    verrouille._history_user = by
    verrouille.save()
    versement = verrouille
    if dossier.etat == EtatDossier.CONVENTIONNE:
        dossier_transition(
            dossier=dossier, vers=EtatDossier.EN_COURS, acteur=Acteur.SUIVI, by=by, motif="Premier versement"
        )
    elif dossier.etat == EtatDossier.BILAN_VALIDE and not _reste_a_payer(dossier):
        dossier_transition(dossier=dossier, vers=EtatDossier.TERMINE, acteur=Acteur.SUIVI, by=by, motif="Solde versé")
    return versement


def _reste_a_payer(dossier: Dossier) -> bool:
    return Versement.objects.filter(ligne__dossier=dossier, date_versement__isnull=True).exists()


def versements_total(*, dossier: Dossier) -> Decimal:
    return Versement.objects.filter(ligne__dossier=dossier).aggregate(s=Sum("montant_verse"))["s"] or ZERO


def solde_schedule(*, dossier: Dossier, date_prevue: datetime.date, by) -> int:
    """Once the bilan is validated, the soldes become due (and show in the payments due)."""
    soldes = Versement.objects.filter(ligne__dossier=dossier, type=TypeVersement.SOLDE, date_versement__isnull=True)
    for solde in soldes:
        solde.date_prevue, solde.version = date_prevue, solde.version + 1
        solde._history_user = by
        solde.save(update_fields=["date_prevue", "version"])
    return len(soldes)
