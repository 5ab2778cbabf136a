"""The procès-verbal of a séance: who attended, the quorum, the recusals, each decision and its amendments.

Plain dataclasses in a fixed number of queries, like the programmation: the template does no query and the
same séance gives the same empreinte.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Min
from django.utils import timezone

from contratville.formatting import format_euros
from projets.enums import Decision, RoleMembre, StatutSeance
from projets.models import Amendement, Convocation, DecisionLigne, Recusation, Seance
from projets.rules import ZERO
from projets.selectors_copil import seance_quorum


@dataclass
class PresencePV:
    nom: str
    organisation: str
    fonction: str
    siege: str
    present: bool


@dataclass
class DeportPV:
    dossier: str
    membre: str
    motif: str
    automatique: bool


@dataclass
class LigneDecisionPV:
    financeur: str
    demande: Decimal
    propose: Decimal | None
    decision: str
    decision_libelle: str
    montant_vote: Decimal | None
    motif: str


@dataclass
class DossierPV:
    numero: str
    intitule: str
    porteur: str
    lignes: list[LigneDecisionPV] = field(default_factory=list)


@dataclass
class TotalFinanceurPV:
    financeur: str
    lignes: int
    demande: Decimal
    accorde: Decimal


@dataclass
class AmendementPV:
    le: str
    ligne: str  # dossier and financeur
    avant: str
    apres: str
    motif: str
    par: str


@dataclass
class ProcesVerbal:
    contrat: str
    instance: str
    campagne: str
    date: str
    lieu: str
    close: bool
    close_le: str
    close_par: str
    quorum_requis: int
    quorum_presents: int
    quorum_atteint: bool
    convoques: int
    presents: int
    presences: list[PresencePV]
    deports: list[DeportPV]
    dossiers: list[DossierPV]
    totaux: list[TotalFinanceurPV]
    accordees: int
    refusees: int
    ajournees: int
    sans_decision: int
    total_accorde: Decimal
    amendements: list[AmendementPV]
    autres_participants: list[str]


def _local(moment) -> str:
    return f"{timezone.localtime(moment):%d/%m/%Y à %H:%M}" if moment else ""


def _presences(seance: Seance) -> list[PresencePV]:
    convocations = (
        Convocation.objects.filter(seance=seance)
        .select_related("membre__suppleant_de")
        .order_by("membre__organisation", "membre__nom")
    )
    # Per organisation, its titulaires before its suppléants.
    convocations = sorted(convocations, key=lambda c: (c.membre.organisation, c.membre.role != RoleMembre.TITULAIRE))
    presences = []
    for convocation in convocations:
        membre = convocation.membre
        siege = "Titulaire"
        if membre.role == RoleMembre.SUPPLEANT:
            siege = f"Suppléance de {membre.suppleant_de.nom}" if membre.suppleant_de else "Suppléance"
        presences.append(PresencePV(membre.nom, membre.organisation, membre.fonction, siege, convocation.present))
    return presences


def _deports(seance: Seance) -> list[DeportPV]:
    recusations = (
        Recusation.objects.filter(seance=seance)
        .select_related("membre", "dossier")
        .order_by("dossier__numero", "membre__nom")
    )
    return [
        DeportPV(f"{r.dossier.numero} – {r.dossier.intitule}", r.membre.nom, r.motif, r.automatique)
        for r in recusations
    ]


def _resume(etat: dict) -> str:
    """An amendment's before or after ({"decision": "accorde", "montant_vote": "4500.00"}) in words."""
    decision = etat.get("decision") or ""
    texte = Decision(decision).label if decision in Decision.values else "Sans décision"
    if etat.get("montant_vote") not in (None, ""):
        texte += f", {format_euros(Decimal(str(etat['montant_vote'])))}"
    if etat.get("motif"):
        texte += f" ({etat['motif']})"
    return texte


def _amendements(seance: Seance) -> list[AmendementPV]:
    amendements = (
        Amendement.objects.filter(decision__seance=seance)
        .select_related("decision__ligne__dossier", "decision__ligne__financeur", "par")
        .order_by("le", "pk")
    )
    return [
        AmendementPV(
            le=f"{timezone.localtime(a.le):%d/%m/%Y %H:%M}",
            ligne=f"{a.decision.ligne.dossier.numero or a.decision.ligne.dossier.intitule}, "
            f"{a.decision.ligne.financeur.nom}",
            avant=_resume(a.avant or {}),
            apres=_resume(a.apres or {}),
            motif=a.motif,
            par=a.par.get_full_name() or a.par.email,
        )
        for a in amendements
    ]


def _decisions(seance: Seance) -> tuple[list[DossierPV], list[TotalFinanceurPV]]:
    """The decisions in agenda order (rank, then dossier numero), and per financeur what was granted."""
    decisions = (
        DecisionLigne.objects.filter(seance=seance)
        .select_related("ligne__dossier__porteur", "ligne__financeur")
        .annotate(rang=Min("ligne__dossier__examens__rang"))
        .order_by("rang", "ligne__dossier__numero", "ligne__financeur__ordre", "ligne__financeur__nom", "pk")
    )
    dossiers: dict[int, DossierPV] = {}
    totaux: dict[tuple, TotalFinanceurPV] = {}
    for d in decisions:
        ligne, dossier = d.ligne, d.ligne.dossier
        entree = dossiers.get(dossier.pk)
        if entree is None:
            entree = dossiers[dossier.pk] = DossierPV(dossier.numero or "", dossier.intitule, str(dossier.porteur))
        vote = d.montant_vote if d.decision == Decision.ACCORDE else None
        entree.lignes.append(
            LigneDecisionPV(
                financeur=ligne.financeur.nom,
                demande=ligne.montant_demande,
                propose=ligne.montant_propose,
                decision=d.decision,
                decision_libelle=d.get_decision_display() or "Sans décision",
                montant_vote=vote,
                motif=d.motif,
            )
        )
        cle = (ligne.financeur.ordre, ligne.financeur.nom)
        total = totaux.setdefault(cle, TotalFinanceurPV(ligne.financeur.nom, 0, ZERO, ZERO))
        total.lignes += 1
        total.demande += ligne.montant_demande
        total.accorde += vote or ZERO
    return list(dossiers.values()), [totaux[cle] for cle in sorted(totaux)]


def proces_verbal_de_seance(*, seance: Seance) -> ProcesVerbal:
    seance = Seance.objects.select_related("comite__contrat", "campagne", "close_par").get(pk=seance.pk)
    quorum = seance_quorum(seance=seance)
    presences = _presences(seance)
    dossiers, totaux = _decisions(seance)
    compte = defaultdict(int)
    for dossier in dossiers:
        for ligne in dossier.lignes:
            compte[ligne.decision] += 1
    close_par = seance.close_par
    return ProcesVerbal(
        contrat=str(seance.comite.contrat),
        instance=seance.comite.nom,
        campagne=seance.campagne.libelle,
        date=f"{seance.date:%d/%m/%Y}",
        lieu=seance.lieu,
        close=seance.statut == StatutSeance.CLOSE,
        close_le=_local(seance.close_le),
        close_par=(close_par.get_full_name() or close_par.email) if close_par else "",
        quorum_requis=quorum.requis,
        quorum_presents=quorum.presents,
        quorum_atteint=quorum.atteint,
        convoques=len(presences),
        presents=sum(1 for p in presences if p.present),
        presences=presences,
        deports=_deports(seance),
        dossiers=dossiers,
        totaux=totaux,
        accordees=compte[Decision.ACCORDE],
        refusees=compte[Decision.REFUSE],
        ajournees=compte[Decision.AJOURNE],
        sans_decision=compte[""],
        total_accorde=sum((t.accorde for t in totaux), ZERO),
        amendements=_amendements(seance),
        autres_participants=[nom.strip() for nom in seance.autres_participants.splitlines() if nom.strip()],
    )
