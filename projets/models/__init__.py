from projets.models.campagnes import (
    Campagne,
    Enveloppe,
    Financeur,
    PrioriteOperationnelle,
    PrioriteTransversaleCampagne,
    QuestionEgalite,
    Volet,
)
from projets.models.dossiers import (
    Depot,
    Dossier,
    LigneBudget,
    LigneFinancement,
    PieceJointe,
    ReponseEgalite,
    StatistiqueCampagne,
    TransitionDossier,
)
from projets.models.porteurs import DocumentPorteur, Invitation, Porteur, PorteurMembre

__all__ = [
    "Campagne",
    "Depot",
    "DocumentPorteur",
    "Invitation",
    "LigneBudget",
    "PieceJointe",
    "QuestionEgalite",
    "ReponseEgalite",
    "Dossier",
    "Enveloppe",
    "Financeur",
    "LigneFinancement",
    "Porteur",
    "PorteurMembre",
    "PrioriteOperationnelle",
    "PrioriteTransversaleCampagne",
    "StatistiqueCampagne",
    "TransitionDossier",
    "Volet",
]
