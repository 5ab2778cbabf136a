"""The decision letters of a séance: one per porteur, with each of its dossiers' decisions per financeur."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from projets.enums import Decision
from projets.models import DecisionLigne, Seance
from projets.rules import ZERO


@dataclass
class LigneLettre:
    financeur: str
    demande: Decimal
    decision: str
    decision_libelle: str
    montant: Decimal | None  # granted amount, for an accordé line only
    motif: str


@dataclass
class DossierLettre:
    numero: str
    intitule: str
    lignes: list[LigneLettre] = field(default_factory=list)

    @property
    def total_accorde(self) -> Decimal:
        return sum((ligne.montant or ZERO for ligne in self.lignes), ZERO)


@dataclass
class LettreDecision:
    porteur_id: int
    porteur: str
    adresse: list[str]
    contrat: str
    commune: str
    instance: str
    campagne: str
    date_seance: str
    date_lettre: str
    dossiers: list[DossierLettre] = field(default_factory=list)

    @property
    def total_accorde(self) -> Decimal:
        return sum((dossier.total_accorde for dossier in self.dossiers), ZERO)

    @property
    def ajournes(self) -> bool:
        return any(ligne.decision == Decision.AJOURNE for d in self.dossiers for ligne in d.lignes)


def lettres_de_seance(*, seance: Seance) -> list[LettreDecision]:
    """One letter per porteur with a decided line in the séance, porteurs in alphabetical order (one query)."""
    seance = Seance.objects.select_related("comite__contrat", "campagne").get(pk=seance.pk)
    decisions = (
        DecisionLigne.objects.filter(seance=seance)
        .exclude(decision="")
        .select_related("ligne__dossier__porteur", "ligne__financeur")
        .order_by(
            "ligne__dossier__porteur__raison_sociale",
            "ligne__dossier__porteur_id",
            "ligne__dossier__numero",
            "ligne__financeur__ordre",
            "ligne__financeur__nom",
        )
    )
    contrat = seance.comite.contrat
    date_lettre = timezone.localtime(seance.close_le).date() if seance.close_le else seance.date
    lettres: dict[int, LettreDecision] = {}
    dossiers: dict[int, DossierLettre] = {}
    for decision in decisions:
        ligne, dossier = decision.ligne, decision.ligne.dossier
        porteur = dossier.porteur
        lettre = lettres.get(porteur.pk)
        if lettre is None:
            lettre = lettres[porteur.pk] = LettreDecision(
                porteur_id=porteur.pk,
                porteur=porteur.raison_sociale,
                adresse=[x for x in (porteur.adresse, f"{porteur.code_postal} {porteur.commune}".strip()) if x],
                contrat=str(contrat),
                commune=contrat.commune,
                instance=seance.comite.nom,
                campagne=seance.campagne.libelle,
                date_seance=f"{seance.date:%d/%m/%Y}",
                date_lettre=f"{date_lettre:%d/%m/%Y}",
            )
        if dossier.pk not in dossiers:
            dossiers[dossier.pk] = DossierLettre(dossier.numero or "", dossier.intitule)
            lettre.dossiers.append(dossiers[dossier.pk])
        dossiers[dossier.pk].lignes.append(
            LigneLettre(
                financeur=ligne.financeur.nom,
                demande=ligne.montant_demande,
                decision=decision.decision,
                decision_libelle=decision.get_decision_display(),
                montant=decision.montant_vote if decision.decision == Decision.ACCORDE else None,
                motif=decision.motif,
            )
        )
    return list(lettres.values())
