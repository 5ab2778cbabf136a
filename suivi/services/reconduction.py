"""The renewal of a funded action, pre-filled from its bilan rather than from last year's forecast."""

import datetime

from django.db import transaction

from projets.models import Campagne, Dossier, LigneBudget
from projets.services.dossiers import dossier_renew
from suivi.enums import EtatBilan
from suivi.models import Bilan

# A bilan counts once filed: a draft may still change.
ETATS_BILAN_REPRIS = {EtatBilan.DEPOSE, EtatBilan.VALIDE}


@transaction.atomic
def dossier_renew_from_bilan(*, source: Dossier, campagne: Campagne) -> Dossier:
    """`dossier_renew`, then what the bilan measured replaces what was forecast: people reached, quartiers
    where they live, places, real dates shifted by the years between, and the budget réalisé."""
    dossier = dossier_renew(source=source, campagne=campagne)
    bilan = Bilan.objects.filter(dossier=source, etat__in=ETATS_BILAN_REPRIS).first()
    if bilan is None:
        return dossier
    ecart = campagne.annee - source.campagne.annee
    if bilan.public_total:
        dossier.public_nombre = bilan.public_total
    if bilan.lieux.strip():
        dossier.lieux = bilan.lieux
    if bilan.date_debut_reelle and bilan.date_fin_reelle:
        dossier.date_debut = _decaler(bilan.date_debut_reelle, ecart)
        dossier.date_fin = _decaler(bilan.date_fin_reelle, ecart)
    dossier.save()
    quartiers = [q.quartier for q in bilan.quartiers.select_related("quartier") if q.nombre and q.quartier.actif]
    if quartiers and source.campagne.contrat_id == campagne.contrat_id:
        dossier.quartiers.set(quartiers)
    realises = {ligne.compte: ligne.realise for ligne in bilan.lignes_budget.exclude(compte="") if ligne.realise}
    for ligne in LigneBudget.objects.filter(dossier=dossier, compte__in=realises):
        ligne.montant = realises.pop(ligne.compte)
        ligne.save(update_fields=["montant"])
    return dossier


def _decaler(jour: datetime.date, annees: int) -> datetime.date:
    try:
        return jour.replace(year=jour.year + annees)
    except ValueError:  # 29 February
        return jour.replace(year=jour.year + annees, day=28)
