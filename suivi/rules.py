"""Named rules of the suivi, shared by forms, services and templates (grep the name to find every use)."""

import calendar
import datetime
from decimal import ROUND_HALF_UP, Decimal

from projets.enums import EtatDossier
from suivi.enums import PalierRelance, TypeIndicateur

ZERO = Decimal("0.00")
CENTIME = Decimal("0.01")

# The avance paid once the convention is signed; the rest is the solde, paid after the bilan is validated.
TAUX_AVANCE = Decimal("0.80")
# A gap between planned and actual budget above this share must be explained (CERFA 15059, annexe).
SEUIL_ECART_BUDGET = Decimal("0.15")
# Days after the signature when the avance is due.
DELAI_AVANCE_JOURS = 30

# Steps of the bilan reminders, in days relative to the due date (negative: before).
PALIERS_RELANCE = {
    PalierRelance.AVANT_30: -30,
    PalierRelance.AVANT_7: -7,
    PalierRelance.APRES_1: 1,
    PalierRelance.APRES_15: 15,
    PalierRelance.APRES_30: 30,
}

# Dossier states in which the bilan is expected (the action is funded and not yet reported).
ETATS_BILAN_ATTENDU = {EtatDossier.CONVENTIONNE, EtatDossier.EN_COURS, EtatDossier.REALISE}
# States in which the porteur may write its bilan.
ETATS_BILAN_SAISISSABLE = {EtatDossier.EN_COURS, EtatDossier.REALISE, EtatDossier.BILAN_DEPOSE}


def repartition_avance_solde(montant: Decimal, taux: Decimal = TAUX_AVANCE) -> tuple[Decimal, Decimal]:
    """Avance and solde of a voted amount: the avance rounded to the cent, the solde the exact rest."""
    avance = (montant * taux).quantize(CENTIME, rounding=ROUND_HALF_UP)
    return avance, montant - avance


def bilan_date_limite(*, annee: int, date_fin: datetime.date | None) -> datetime.date:
    """Six months after the end of the action (or of its year): the compte rendu financier's deadline."""
    fin = date_fin or datetime.date(annee, 12, 31)
    mois = fin.month + 6
    annee_limite, mois = fin.year + (mois - 1) // 12, (mois - 1) % 12 + 1
    return datetime.date(annee_limite, mois, min(fin.day, calendar.monthrange(annee_limite, mois)[1]))


def ecart_a_justifier(prevu: Decimal | None, realise: Decimal | None) -> bool:
    """True when the actual amount differs from the planned one by more than 15 % of the planned one.

    A line planned at zero and spent is always a gap to explain."""
    if realise is None:
        return False
    prevu = prevu or ZERO
    if prevu == ZERO:
        return realise != ZERO
    return abs(realise - prevu) > prevu * SEUIL_ECART_BUDGET


def publics_incoherents(*, femmes, hommes, ages: list, quartiers: list, hors_quartiers) -> list[str]:
    """What does not add up in the publics reached, in French (empty if consistent).

    The total is femmes + hommes; the age brackets, when given, add up to it; the quartiers plus the people
    from outside the quartiers, when given, too."""
    if femmes is None and hommes is None:
        return []
    total = (femmes or 0) + (hommes or 0)
    erreurs = []
    if any(age is not None for age in ages) and sum(age or 0 for age in ages) != total:
        erreurs.append(
            f"Les tranches d'âge totalisent {sum(a or 0 for a in ages)} personnes, et la répartition par sexe "
            f"{total} : les deux doivent compter les mêmes personnes."
        )
    par_lieu = [n for n in quartiers if n is not None] + ([hors_quartiers] if hors_quartiers is not None else [])
    if par_lieu and sum(par_lieu) != total:
        erreurs.append(
            f"Les quartiers et les personnes hors quartiers totalisent {sum(par_lieu)} personnes, et la "
            f"répartition par sexe {total} : les deux doivent compter les mêmes personnes."
        )
    return erreurs


def palier_de_relance(*, echeance: datetime.date, aujourd_hui: datetime.date) -> str | None:
    """The latest reminder step reached today (a beat missed one day catches up the next), or None.

    Only the latest counts: a bilan found late for the first time gets one late reminder, not five."""
    atteints = [p for p, jours in PALIERS_RELANCE.items() if aujourd_hui >= echeance + datetime.timedelta(days=jours)]
    return atteints[-1] if atteints else None


def bilan_en_retard(*, echeance: datetime.date, aujourd_hui: datetime.date) -> bool:
    return aujourd_hui > echeance


def valeur_indicateur_erreur(*, type_indicateur: str, valeur) -> str | None:
    """What is wrong with a value or target of an indicator, in French (None when acceptable): never negative,
    and a part or a rate is a percentage."""
    if valeur is None:
        return None
    if valeur < 0:
        return "Une valeur d'indicateur ne peut pas être négative."
    if type_indicateur in (TypeIndicateur.PART, TypeIndicateur.TAUX) and valeur > 100:
        return "Une part ou un taux s'exprime en pourcentage, entre 0 et 100."
    return None
