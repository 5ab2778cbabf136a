"""The data of the convention PDF, read once (the template reads no database)."""

from dataclasses import dataclass
from decimal import Decimal

from enjeux.models import ContratDeVille
from suivi.models import Convention
from suivi.rules import DELAI_AVANCE_JOURS, TAUX_AVANCE, ZERO


@dataclass
class AnneeConvention:
    annee: int
    lignes: list[tuple[str, Decimal]]  # financeur, montant
    total: Decimal
    votee: bool


@dataclass
class ContenuConvention:
    numero: str
    contrat: ContratDeVille
    porteur: str
    adresse: list[str]
    siret: str
    type: str
    annee_debut: int
    annee_fin: int
    objet: str
    actions: list[tuple[str, str]]  # numéro, intitulé
    annees: list[AnneeConvention]
    total: Decimal
    taux_avance: int
    delai_avance: int
    date_signature: str


def convention_contenu(*, convention: Convention) -> ContenuConvention:
    convention = Convention.objects.select_related("porteur").get(pk=convention.pk)
    porteur = convention.porteur
    contrat = ContratDeVille.objects.filter(campagnes__dossiers__conventions=convention).distinct().first()
    annees_votees = set(convention.dossiers.values_list("campagne__annee", flat=True))
    engagements = convention.engagements.select_related("financeur").order_by("annee", "financeur__ordre")
    annees = []
    for annee in convention.annees:
        lignes = [(str(e.financeur), e.montant) for e in engagements if e.annee == annee]
        annees.append(AnneeConvention(annee, lignes, sum((m for _, m in lignes), ZERO), annee in annees_votees))
    return ContenuConvention(
        numero=convention.numero,
        contrat=contrat,
        porteur=str(porteur),
        adresse=[x for x in [porteur.adresse, f"{porteur.code_postal} {porteur.commune}".strip()] if x],
        siret=porteur.siret,
        type=convention.get_type_display().lower(),
        annee_debut=convention.annee_debut,
        annee_fin=convention.annee_fin,
        objet=convention.objet,
        actions=list(convention.dossiers.order_by("numero").values_list("numero", "intitule")),
        annees=annees,
        total=sum((a.total for a in annees), ZERO),
        taux_avance=int(TAUX_AVANCE * 100),
        delai_avance=DELAI_AVANCE_JOURS,
        date_signature=f"{convention.date_signature:%d/%m/%Y}" if convention.date_signature else "",
    )
