"""Named business rules, shared by forms, services and templates (grep the name to find every use)."""

import datetime
import math
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from projets.enums import COMPTES_PRODUITS, EtatCampagne, EtatDossier

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class TotauxBudget:
    charges: Decimal
    produits_propres: Decimal  # 70–79 and 87, without the subventions asked in this call
    subventions: Decimal  # 74, one line per financeur

    @property
    def produits(self) -> Decimal:
        return self.produits_propres + self.subventions

    @property
    def ecart(self) -> Decimal:
        """Positive when charges exceed produits: what is missing to balance."""
        return self.charges - self.produits


def budget_totaux(*, comptes: Iterable[tuple[str, Decimal]], subventions: Iterable[Decimal]) -> TotauxBudget:
    charges = produits = ZERO
    for compte, montant in comptes:
        if compte in COMPTES_PRODUITS:
            produits += montant or ZERO
        else:
            charges += montant or ZERO
    return TotauxBudget(charges=charges, produits_propres=produits, subventions=sum(subventions, ZERO))


def budget_is_balanced(totaux: TotauxBudget) -> bool:
    """CERFA 12156: total charges = total produits, and a budget is not empty."""
    return totaux.charges > 0 and totaux.ecart == 0


def montant_atteste_concorde(*, montant_atteste: Decimal | None, subventions: Decimal) -> bool:
    """The amount certified on the attestation equals the sum asked to the financeurs of the call."""
    return montant_atteste is not None and montant_atteste == subventions


def campagne_accepte_depots(campagne, moment: datetime.datetime) -> bool:
    """Open state and inside the window, compared in the contract's time zone (never the server's)."""
    tz = zoneinfo.ZoneInfo(campagne.contrat.fuseau_horaire)
    local = moment.astimezone(tz)
    return campagne.etat == EtatCampagne.OUVERTE and campagne.date_ouverture.astimezone(
        tz
    ) <= local < campagne.date_cloture.astimezone(tz)


def etapes_rouvertes(elements: Iterable[str]) -> set[str]:
    """Wizard steps a compléments request reopens: the ticked ones, plus the attestation when the budget is
    reopened, since the amount attested must follow the subsidies asked (montant_atteste_concorde)."""
    etapes = set(elements)
    if "budget" in etapes:
        etapes.add("attestation")
    return etapes


# Dossiers that count nowhere in the instruction: never submitted, withdrawn by their porteur, or irrecevable.
# They take no share of an enveloppe and are not examined by the COTECH.
ETATS_ECARTES = [EtatDossier.BROUILLON, EtatDossier.RETIRE, EtatDossier.IRRECEVABLE]


def enveloppe_restante(*, enveloppe: Decimal | None, propose: Decimal) -> Decimal | None:
    """What is left of a financeur's enveloppe once the amounts proposed are counted (negative when exceeded);
    None when the campagne has no enveloppe for this financeur."""
    if enveloppe is None:
        return None
    return enveloppe - propose


def enveloppe_depassee(*, enveloppe: Decimal | None, propose: Decimal) -> bool:
    restante = enveloppe_restante(enveloppe=enveloppe, propose=propose)
    return restante is not None and restante < 0


def dossier_examinable_en_cotech(*, dossier, seance) -> bool:
    """A séance examines the submitted dossiers of its own campagne, neither withdrawn nor irrecevable."""
    return dossier.campagne_id == seance.campagne_id and dossier.etat not in ETATS_ECARTES


def quorum_requis(*, sieges: int, pourcentage: int, plus_un: bool) -> int:
    """Seats that must be represented: "la moitié plus un" of 10 seats is 6; 50 % without "plus un" is 5."""
    part = sieges * pourcentage / 100
    return int(part) + 1 if plus_un else math.ceil(part)
