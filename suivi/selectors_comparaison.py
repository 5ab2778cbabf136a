"""A renewal next to the previous year: what was planned, what the bilan says was done, what is asked now."""

from dataclasses import dataclass, field
from decimal import Decimal

from projets.enums import CompteBudget
from projets.models import Dossier
from suivi.models import Bilan
from suivi.rules import ZERO, ecart_a_justifier


@dataclass
class LigneComparee:
    libelle: str
    prevu: Decimal | int | None  # last year's forecast
    realise: Decimal | int | None  # last year's bilan
    demande: Decimal | int | None  # this year's request
    ecart: bool = False


@dataclass
class Comparaison:
    dossier: Dossier
    precedent: Dossier | None
    bilan: Bilan | None
    public: list[LigneComparee] = field(default_factory=list)
    budget: list[LigneComparee] = field(default_factory=list)
    financements: list[LigneComparee] = field(default_factory=list)


def comparaison_reconduction(*, dossier: Dossier) -> Comparaison:
    precedent = dossier.reconduit_de
    if precedent is None:
        return Comparaison(dossier=dossier, precedent=None, bilan=None)
    bilan = Bilan.objects.filter(dossier=precedent).prefetch_related("lignes_budget__financeur").first()
    c = Comparaison(dossier=dossier, precedent=precedent, bilan=bilan)
    c.public = [
        LigneComparee(
            "Personnes touchées", precedent.public_nombre, bilan.public_total if bilan else None, dossier.public_nombre
        )
    ]
    prevus = dict(precedent.lignes_budget.values_list("compte", "montant"))
    demandes = dict(dossier.lignes_budget.values_list("compte", "montant"))
    realises = {ligne.compte: ligne.realise for ligne in (bilan.lignes_budget.all() if bilan else []) if ligne.compte}
    for compte in sorted(set(prevus) | set(demandes) | set(realises)):
        prevu, realise = prevus.get(compte), realises.get(compte)
        c.budget.append(
            LigneComparee(
                CompteBudget(compte).label, prevu, realise, demandes.get(compte), ecart_a_justifier(prevu, realise)
            )
        )
    votes = {ligne.financeur: ligne.montant_vote for ligne in precedent.lignes_financement.select_related("financeur")}
    recus = {
        ligne.financeur: ligne.realise for ligne in (bilan.lignes_budget.all() if bilan else []) if ligne.financeur_id
    }
    demandes_f = {
        ligne.financeur: ligne.montant_demande for ligne in dossier.lignes_financement.select_related("financeur")
    }
    for financeur in sorted(set(votes) | set(demandes_f), key=lambda f: (f.ordre, f.nom)):
        c.financements.append(
            LigneComparee(
                f"74 – {financeur}", votes.get(financeur) or ZERO, recus.get(financeur), demandes_f.get(financeur)
            )
        )
    return c
