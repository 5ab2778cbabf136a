"""Reads of a COPIL séance: quorum, who is recused where, the lines to vote and the totals per financeur."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import OuterRef, QuerySet, Subquery

from conseil_citoyen.models import AvisConseilCitoyen
from projets.enums import Decision, RoleMembre
from projets.models import Convocation, DecisionLigne, Dossier, Examen, MembreInstance, Recusation, Seance
from projets.rules import ZERO, enveloppe_depassee, quorum_requis
from projets.selectors_enveloppes import enveloppes_campagne


@dataclass(frozen=True)
class Quorum:
    sieges: int  # active titulaire seats of the instance
    requis: int
    presents: int  # seats represented by their titulaire or one of its suppléants

    @property
    def atteint(self) -> bool:
        return self.presents >= self.requis

    @property
    def message(self) -> str:
        etat = "atteint" if self.atteint else "non atteint"
        return f"Quorum {etat} : {self.presents} siège(s) représenté(s) sur {self.sieges}, {self.requis} requis."


def seance_quorum(*, seance: Seance) -> Quorum:
    instance = seance.comite
    titulaires = set(
        MembreInstance.objects.filter(comite=instance, role=RoleMembre.TITULAIRE, actif=True).values_list(
            "pk", flat=True
        )
    )
    representes = set()
    for membre_id, role, suppleant_de in Convocation.objects.filter(seance=seance, present=True).values_list(
        "membre_id", "membre__role", "membre__suppleant_de_id"
    ):
        siege = membre_id if role == RoleMembre.TITULAIRE else suppleant_de
        if siege in titulaires:
            representes.add(siege)
    requis = quorum_requis(
        sieges=len(titulaires), pourcentage=instance.quorum_pourcentage, plus_un=instance.quorum_plus_un
    )
    return Quorum(sieges=len(titulaires), requis=requis, presents=len(representes))


def dossiers_recuses(*, seance: Seance, user) -> set[int]:
    """Dossiers of the séance on which the user's seat is recused: they may record no decision there."""
    return set(
        Recusation.objects.filter(seance=seance, membre__user=user, membre__actif=True).values_list(
            "dossier_id", flat=True
        )
    )


def decisions_de_seance(*, seance: Seance) -> QuerySet[DecisionLigne]:
    """Every line to vote, in agenda order (rank, then enjeu and axe), with what the vote page shows."""
    return (
        DecisionLigne.objects.filter(seance=seance)
        .select_related("ligne__financeur", "ligne__dossier__porteur")
        .annotate(
            rang=Subquery(Examen.objects.filter(seance=seance, dossier=OuterRef("ligne__dossier")).values("rang"))
        )
        .order_by("rang", "ligne__dossier__numero", "ligne__financeur__ordre", "pk")
    )


@dataclass
class LigneVote:
    decision: DecisionLigne
    recuse: bool
    form: object = None  # the vote page's form for this line, when the user may change it


@dataclass
class DossierAVoter:
    dossier: Dossier
    lignes: list[LigneVote]
    avis_conseil_citoyen: AvisConseilCitoyen | None
    recusations: list[Recusation]


def ordre_du_jour(*, seance: Seance, user) -> list[DossierAVoter]:
    """The vote grid: one entry per dossier (agenda order) with its lines, in a fixed number of queries."""
    recuses = dossiers_recuses(seance=seance, user=user)
    recusations = defaultdict(list)
    for recusation in Recusation.objects.filter(seance=seance).select_related("membre"):
        recusations[recusation.dossier_id].append(recusation)
    avis_cc = {}
    for avis in AvisConseilCitoyen.objects.filter(dossier__examens__seance=seance).order_by("dossier", "-rendu_le"):
        avis_cc.setdefault(avis.dossier_id, avis)
    grille: dict[int, DossierAVoter] = {}
    for decision in decisions_de_seance(seance=seance):
        dossier = decision.ligne.dossier
        entree = grille.get(dossier.pk)
        if entree is None:
            entree = grille[dossier.pk] = DossierAVoter(
                dossier=dossier,
                lignes=[],
                avis_conseil_citoyen=avis_cc.get(dossier.pk),
                recusations=recusations.get(dossier.pk, []),
            )
        entree.lignes.append(LigneVote(decision=decision, recuse=dossier.pk in recuses))
    return list(grille.values())


@dataclass
class TotalFinanceur:
    financeur: object
    enveloppe: Decimal | None
    demande: Decimal
    propose: Decimal
    vote: Decimal
    # On the vote page: the amount granted outside the lines typed there, to which the live total adds them.
    hors_saisie: Decimal | None = None

    @property
    def depassee(self) -> bool:
        return enveloppe_depassee(enveloppe=self.enveloppe, propose=self.vote)

    @property
    def restant(self) -> Decimal | None:
        return None if self.enveloppe is None else self.enveloppe - self.vote


def totaux_de_seance(*, seance: Seance) -> list[TotalFinanceur]:
    """Per financeur of the campagne: enveloppe, requested and proposed (live enveloppes), and what the COPIL
    has granted so far in this campagne — the séance's decisions count even before it is closed."""
    votes = defaultdict(lambda: ZERO)
    for financeur_id, montant in DecisionLigne.objects.filter(
        seance__campagne_id=seance.campagne_id, decision=Decision.ACCORDE, montant_vote__isnull=False
    ).values_list("ligne__financeur_id", "montant_vote"):
        votes[financeur_id] += montant
    return [
        TotalFinanceur(
            financeur=etat.financeur,
            enveloppe=etat.enveloppe,
            demande=etat.demande,
            propose=etat.propose,
            vote=votes[etat.financeur.pk],
        )
        for etat in enveloppes_campagne(campagne=seance.campagne)
    ]


def lignes_sans_decision(*, seance: Seance) -> QuerySet[DecisionLigne]:
    return decisions_de_seance(seance=seance).filter(decision="")


def recusations_de_seance(*, seance: Seance) -> QuerySet[Recusation]:
    return (
        Recusation.objects.filter(seance=seance)
        .select_related("membre", "dossier__porteur")
        .order_by("dossier__numero", "membre__nom")
    )
