"""The numeric rules of the conseil citoyen (cadre de référence; the numbers are fields of the conseil).

Errors block a save (residence, mandate, seats); warnings are shown on the conseil's page because the
composition may be unbalanced for a while (a resignation, a draw to come).
"""

import calendar
import datetime
from dataclasses import dataclass

from conseil_citoyen.enums import ModeDesignation, Sexe, StatutMembre, TypeCollege
from contratville.formatting import a
from projets.rules import quorum_requis


@dataclass(frozen=True)
class Alerte:
    niveau: str  # "erreur" or "avertissement"
    message: str


def erreurs_du_membre(membre, *, autres_actifs) -> dict[str, str]:
    """Field → French message for a member that breaks a rule; `autres_actifs` are the other active members."""
    erreurs = {}
    conseil, college = membre.conseil, membre.college
    if college.conseil_id != conseil.pk:
        erreurs["college"] = "Ce collège appartient à un autre conseil citoyen."
        return erreurs
    if (college.residence_qpv or membre.siege_reserve_id) and not membre.reside_qpv:
        erreurs["reside_qpv"] = (
            "Les membres du collège habitants et des sièges réservés doivent résider dans le quartier prioritaire."
        )
    if membre.debut_mandat and membre.fin_mandat:
        maximum = fin_de_mandat_au_plus_tard(membre.debut_mandat, conseil.mandat_mois)
        if membre.fin_mandat > maximum:
            erreurs["fin_mandat"] = (
                f"Un mandat dure au plus {conseil.mandat_mois} mois : il finit au plus tard le {maximum:%d/%m/%Y}."
            )
    if membre.renouvellements > conseil.renouvellements_max:
        erreurs["renouvellements"] = (
            f"Un mandat se renouvelle au plus {conseil.renouvellements_max} fois : le membre doit laisser sa place."
        )
    if membre.statut == StatutMembre.ACTIF:
        du_college = [m for m in autres_actifs if m.college_id == college.pk]
        if len(du_college) >= college.sieges:
            erreurs["college"] = f"Les {college.sieges} sièges de ce collège sont déjà occupés."
        if membre.siege_reserve_id:
            occupes = sum(1 for m in autres_actifs if m.siege_reserve_id == membre.siege_reserve_id)
            if occupes >= membre.siege_reserve.nombre:
                erreurs["siege_reserve"] = f"Les sièges réservés {a(membre.siege_reserve.instance)} sont occupés."
    if membre.mode == ModeDesignation.SIEGE_RESERVE and not membre.siege_reserve_id:
        erreurs["siege_reserve"] = "Indiquez l'instance à laquelle ce siège est réservé."
    return erreurs


def alertes_de_composition(*, conseil, colleges, actifs) -> list[Alerte]:
    """Warnings on the whole conseil: share of habitants, parity, the association porteuse member by right."""
    alertes = []
    habitants = next((c for c in colleges if c.type == TypeCollege.HABITANTS), None)
    if habitants and actifs:
        part = 100 * sum(1 for m in actifs if m.college_id == habitants.pk) / len(actifs)
        if part < habitants.part_minimum:
            alertes.append(
                Alerte(
                    "avertissement",
                    f"Les habitantes et habitants sont {part:.0f} % des membres : il en faut au moins "
                    f"{habitants.part_minimum} %.",
                )
            )
    for college in colleges:
        if college.parite and not parite_respectee([m.sexe for m in actifs if m.college_id == college.pk]):
            femmes = sum(1 for m in actifs if m.college_id == college.pk and m.sexe == Sexe.FEMME)
            hommes = sum(1 for m in actifs if m.college_id == college.pk and m.sexe == Sexe.HOMME)
            alertes.append(
                Alerte(
                    "avertissement",
                    f"Parité non respectée dans le {college.get_type_display()} : {femmes} femme(s), "
                    f"{hommes} homme(s).",
                )
            )
    if conseil.association_porteuse_id and not any(
        m.structure_id == conseil.association_porteuse_id and m.mode == ModeDesignation.DE_DROIT for m in actifs
    ):
        alertes.append(
            Alerte("avertissement", f"L'association porteuse ({conseil.association_porteuse}) est membre de droit.")
        )
    return alertes


def parite_respectee(sexes) -> bool:
    """Women and men differ by at most one (an odd number of seats cannot do better)."""
    femmes = sum(1 for s in sexes if s == Sexe.FEMME)
    hommes = sum(1 for s in sexes if s == Sexe.HOMME)
    return abs(femmes - hommes) <= 1


def quorum_du_conseil(membres_actifs: int) -> int:
    """« La moitié plus un » of the members of both collèges."""
    return quorum_requis(sieges=membres_actifs, pourcentage=50, plus_un=True)


def volontaires_par_sexe(*, sieges: int, femmes_deja: int, hommes_deja: int) -> dict[str, int]:
    """How many of the volunteers' seats go to women and to men so that the collège gets as close to parity as
    it can, counting the people already drawn; a seat left over (odd total) goes to women."""
    total = sieges + femmes_deja + hommes_deja
    femmes = min(sieges, max(0, total // 2 - femmes_deja))
    hommes = min(sieges - femmes, max(0, total - total // 2 - hommes_deja))
    return {Sexe.FEMME: sieges - hommes, Sexe.HOMME: hommes}


def fin_de_mandat_au_plus_tard(debut: datetime.date, mois: int) -> datetime.date:
    """The last day a mandate of `mois` months started on `debut` may end (same day, `mois` months later)."""
    annee, mois_fin = divmod(debut.month - 1 + mois, 12)
    annee += debut.year
    dernier_jour = calendar.monthrange(annee, mois_fin + 1)[1]
    return datetime.date(annee, mois_fin + 1, min(debut.day, dernier_jour))
