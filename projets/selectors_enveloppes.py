"""Live enveloppes of a campagne: per financeur, the amount granted, what the dossiers ask and what the
instruction proposes so far, in one SQL query whatever the number of dossiers or financeurs."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import DecimalField, Exists, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from contratville.formatting import format_euros
from projets.models import Campagne, Enveloppe, Financeur, LigneFinancement
from projets.rules import ETATS_ECARTES, ZERO, enveloppe_depassee, enveloppe_restante

MONTANT = DecimalField(max_digits=12, decimal_places=2)


@dataclass(frozen=True)
class EtatEnveloppe:
    financeur: Financeur
    enveloppe: Decimal | None  # None: the campagne has no enveloppe for this financeur
    demande: Decimal
    propose: Decimal

    @property
    def restant(self) -> Decimal | None:
        return enveloppe_restante(enveloppe=self.enveloppe, propose=self.propose)

    @property
    def depassee(self) -> bool:
        return enveloppe_depassee(enveloppe=self.enveloppe, propose=self.propose)

    @property
    def depassement(self) -> Decimal:
        return -self.restant if self.depassee else ZERO

    @property
    def alerte(self) -> str:
        """The French warning shown to the staff when the proposals exceed the enveloppe; empty otherwise."""
        if not self.depassee:
            return ""
        return (
            f"Attention, enveloppe dépassée : les montants proposés pour {self.financeur} dans cette campagne "
            f"totalisent {format_euros(self.propose)} pour une enveloppe de {format_euros(self.enveloppe)} "
            f"(dépassement de {format_euros(self.depassement)})."
        )


def _lignes_comptees(campagne: Campagne) -> QuerySet[LigneFinancement]:
    """Financing lines of the submitted dossiers of a campagne (neither draft, withdrawn nor irrecevable)."""
    return LigneFinancement.objects.filter(dossier__campagne=campagne).exclude(dossier__etat__in=ETATS_ECARTES)


def _somme(campagne: Campagne, champ: str) -> Coalesce:
    par_financeur = (
        _lignes_comptees(campagne)
        .filter(financeur=OuterRef("pk"))
        .values("financeur")
        .annotate(total=Sum(champ))
        .values("total")
    )
    return Coalesce(Subquery(par_financeur, output_field=MONTANT), Value(ZERO), output_field=MONTANT)


def _financeurs(campagne: Campagne) -> QuerySet[Financeur]:
    enveloppe = Enveloppe.objects.filter(campagne=campagne, financeur=OuterRef("pk"))
    demandes = _lignes_comptees(campagne).filter(financeur=OuterRef("pk"))
    return (
        Financeur.objects.filter(Exists(enveloppe) | Exists(demandes))
        .annotate(
            montant_enveloppe=Subquery(enveloppe.values("montant")[:1], output_field=MONTANT),
            somme_demandee=_somme(campagne, "montant_demande"),
            somme_proposee=_somme(campagne, "montant_propose"),
        )
        .order_by("ordre", "nom")
    )


def _etat(financeur: Financeur) -> EtatEnveloppe:
    return EtatEnveloppe(
        financeur=financeur,
        enveloppe=financeur.montant_enveloppe,
        demande=financeur.somme_demandee,
        propose=financeur.somme_proposee,
    )


def enveloppes_campagne(*, campagne: Campagne) -> list[EtatEnveloppe]:
    """Every financeur with an enveloppe or with requests in the campagne, in the financeurs' order."""
    return [_etat(financeur) for financeur in _financeurs(campagne)]


def etat_enveloppe(*, campagne: Campagne, financeur: Financeur) -> EtatEnveloppe | None:
    """One financeur's enveloppe in the campagne; None if it has neither enveloppe nor request there."""
    trouve = _financeurs(campagne).filter(pk=financeur.pk).first()
    return _etat(trouve) if trouve else None


def enveloppes_des_lignes(*, campagne: Campagne, lignes: Iterable[LigneFinancement]) -> None:
    """Set `ligne.etat_enveloppe` (EtatEnveloppe or None) on each financing line of a dossier, in one query."""
    lignes = list(lignes)
    etats = {etat.financeur.pk: etat for etat in enveloppes_campagne(campagne=campagne)} if lignes else {}
    for ligne in lignes:
        ligne.etat_enveloppe = etats.get(ligne.financeur_id)


def alerte_enveloppe(*, campagne: Campagne, financeur: Financeur) -> str:
    """The French warning to show after an amount is saved, when the financeur's proposals exceed its enveloppe."""
    etat = etat_enveloppe(campagne=campagne, financeur=financeur)
    return etat.alerte if etat else ""
