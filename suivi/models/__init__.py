from suivi.models.bilans import (
    TRANCHES_AGE,
    Bilan,
    BilanLigneBudget,
    BilanQuartier,
    BilanReponseEgalite,
    Relance,
)
from suivi.models.conventions import Convention, EngagementAnnuel, SuiviAction, Versement
from suivi.models.indicateurs import Indicateur, ValeurIndicateur
from suivi.models.rapports import Rapport

__all__ = [
    "TRANCHES_AGE",
    "Bilan",
    "BilanLigneBudget",
    "BilanQuartier",
    "BilanReponseEgalite",
    "Convention",
    "EngagementAnnuel",
    "Indicateur",
    "Rapport",
    "Relance",
    "SuiviAction",
    "ValeurIndicateur",
    "Versement",
]
