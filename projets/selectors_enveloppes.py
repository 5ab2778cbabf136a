"""Live enveloppes of a campagne: per financeur, the amount granted, what the dossiers ask and what the
instruction proposes so far, in two SQL queries whatever the number of dossiers or financeurs."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import DecimalField, Exists, OuterRef, Q, QuerySet, Subquery, Sum

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


def _sommes_par_financeur(campagne: Campagne) -> dict[int, dict]:
    """{financeur id: {"demande", "propose"}} of the campagne, aggregated from its own dossiers: a correlated
    subquery per financeur made PostgreSQL read every campagne's lines of each financeur (0.4 s at 250 000)."""
    return {
        row["financeur"]: row
        for row in _lignes_comptees(campagne)
        .values("financeur")
        .annotate(demande=Sum("montant_demande"), propose=Sum("montant_propose"))
        .order_by()
    }


def _etats(campagne: Campagne, financeurs: QuerySet[Financeur]) -> list[EtatEnveloppe]:
    sommes = _sommes_par_financeur(campagne)
    enveloppe = Enveloppe.objects.filter(campagne=campagne, financeur=OuterRef("pk"))
    avec_enveloppe_ou_demande = (
        financeurs.filter(Exists(enveloppe) | Q(pk__in=list(sommes)))
        .annotate(montant_enveloppe=Subquery(enveloppe.values("montant")[:1], output_field=MONTANT))
        .order_by("ordre", "nom")
    )
    return [
        EtatEnveloppe(
            financeur=financeur,
            enveloppe=financeur.montant_enveloppe,
            demande=sommes.get(financeur.pk, {}).get("demande") or ZERO,
            propose=sommes.get(financeur.pk, {}).get("propose") or ZERO,
        )
        for financeur in avec_enveloppe_ou_demande
    ]


def enveloppes_campagne(*, campagne: Campagne) -> list[EtatEnveloppe]:
    """Every financeur with an enveloppe or with requests in the campagne, in the financeurs' order."""
    return _etats(campagne, Financeur.objects.all())


def etat_enveloppe(*, campagne: Campagne, financeur: Financeur) -> EtatEnveloppe | None:
    """One financeur's enveloppe in the campagne; None if it has neither enveloppe nor request there."""
    etats = _etats(campagne, Financeur.objects.filter(pk=financeur.pk))
    return etats[0] if etats else None


def enveloppes_des_lignes(*, campagne: Campagne, lignes: Iterable[LigneFinancement]) -> None:
    """Set `ligne.etat_enveloppe` (EtatEnveloppe or None) on each financing line of a dossier, in two queries."""
    lignes = list(lignes)
    etats = {etat.financeur.pk: etat for etat in enveloppes_campagne(campagne=campagne)} if lignes else {}
    for ligne in lignes:
        ligne.etat_enveloppe = etats.get(ligne.financeur_id)


def alerte_enveloppe(*, campagne: Campagne, financeur: Financeur) -> str:
    """The French warning to show after an amount is saved, when the financeur's proposals exceed its enveloppe."""
    etat = etat_enveloppe(campagne=campagne, financeur=financeur)
    return etat.alerte if etat else ""
