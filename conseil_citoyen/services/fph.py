"""The Fonds de Participation des Habitants: residents ask through a public form, the conseil decides in a
meeting with quorum, and the balance of the year's fund is never exceeded."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from conseil_citoyen.enums import StatutDemandeFPH
from conseil_citoyen.models import ConseilCitoyen, DemandeFPH, FondsParticipation, Reunion
from conseil_citoyen.services.reunions import exiger_permission, exiger_quorum
from contratville.formatting import format_euros


def fonds_ouvert(*, conseil: ConseilCitoyen) -> FondsParticipation | None:
    return conseil.fonds.filter(annee=timezone.localdate().year).first()


def fph_demander(*, fonds: FondsParticipation, donnees: dict) -> DemandeFPH:
    """A request from the public form; decided later by the conseil."""
    return DemandeFPH.objects.create(fonds=fonds, **donnees)


def fonds_solde(fonds: FondsParticipation) -> Decimal:
    accorde = fonds.demandes.filter(statut=StatutDemandeFPH.ACCORDEE).aggregate(total=Sum("montant_accorde"))
    return fonds.montant - (accorde["total"] or Decimal("0"))


@transaction.atomic
def fph_decider(*, demande: DemandeFPH, reunion: Reunion, statut: str, montant: Decimal | None, motif: str, by):
    """The conseil grants (at most the balance of the fund and the amount asked) or refuses (with a reason)."""
    exiger_permission(by, "conseil_citoyen.change_demandefph")
    demande = DemandeFPH.objects.select_for_update().select_related("fonds").get(pk=demande.pk)
    FondsParticipation.objects.select_for_update().filter(pk=demande.fonds_id).first()  # one decision at a time
    if demande.statut != StatutDemandeFPH.DEPOSEE:
        raise ValidationError("Cette demande a déjà été décidée.")
    if reunion.conseil_id != demande.fonds.conseil_id:
        raise ValidationError({"reunion": "Choisissez une réunion de ce conseil citoyen."})
    if statut == StatutDemandeFPH.ACCORDEE:
        solde = fonds_solde(demande.fonds)
        if montant is None or montant <= 0:
            raise ValidationError({"montant_accorde": "Indiquez le montant accordé."})
        if montant > demande.montant_demande:
            raise ValidationError({"montant_accorde": "Le montant accordé dépasse le montant demandé."})
        if montant > solde:
            raise ValidationError(
                {"montant_accorde": f"Le fonds n'a plus que {format_euros(solde)} : accordez au plus ce montant."}
            )
    elif statut == StatutDemandeFPH.REFUSEE:
        if not motif.strip():
            raise ValidationError({"motif": "Un refus doit être motivé : les habitants le recevront."})
        montant = None
    else:
        raise ValidationError({"statut": "Choisissez accordée ou refusée."})
    exiger_quorum(reunion, "La décision")
    demande.statut, demande.montant_accorde, demande.motif, demande.reunion = statut, montant, motif.strip(), reunion
    demande._history_user = by
    demande.save(update_fields=["statut", "montant_accorde", "motif", "reunion"])
    return demande
