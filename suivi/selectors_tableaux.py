"""The staff and COPIL dashboard: requested vs voted per financeur and year, distribution per enjeu, axe and
quartier, realisation, late bilans, gender answers. A fixed number of queries whatever the number of dossiers.

An action counts under the enjeu and axe of its first axe (as in the COPIL documents), so those rows add up to
the total; it counts in each of its quartiers, so those may not.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Min, Q, Sum

from enjeux.models import AxeStrategique, Quartier
from projets.enums import ETATS_FINANCES, EtatDossier
from projets.models import Dossier, LigneFinancement, QuestionEgalite, ReponseEgalite
from suivi.enums import EtatBilan, StatutAction
from suivi.models import BilanReponseEgalite, Versement
from suivi.rules import ZERO
from suivi.selectors import _un_a_un, statut_action


@dataclass
class Barre:
    libelle: str
    nombre: int
    montant: Decimal
    largeur: int = 0  # bar width in %, relative to the largest amount


@dataclass
class Graphique:
    titre: str
    identifiant: str
    barres: list[Barre]
    note: str = ""

    @property
    def total(self) -> Decimal:
        return sum((b.montant for b in self.barres), ZERO)


def _largeurs(barres: list[Barre]) -> list[Barre]:
    plus_grand = max((b.montant for b in barres), default=ZERO) or Decimal(1)
    for barre in barres:
        barre.largeur = max(1, round(100 * barre.montant / plus_grand)) if barre.montant else 0
    return barres


@dataclass
class BarreNombre:
    """A count, its bar's width in % of `sur` (the number of actions)."""

    libelle: str
    nombre: int
    largeur: int = 0


def _barres_nombres(paires: list[tuple[str, int]], sur: int) -> list[BarreNombre]:
    return [BarreNombre(libelle, n, max(1, round(100 * n / sur)) if n and sur else 0) for libelle, n in paires]


@dataclass
class DemandeVote:
    """Requested and voted for one financeur in the chosen year, the bars relative to the largest request."""

    financeur: str
    demande: Decimal
    vote: Decimal
    largeur_demande: int = 0
    largeur_vote: int = 0


@dataclass
class FinanceurAnnee:
    annee: int
    financeur: str
    demande: Decimal
    vote: Decimal
    verse: Decimal

    @property
    def taux_vote(self) -> int | None:
        return round(100 * self.vote / self.demande) if self.demande else None


@dataclass
class Realisation:
    financees: int
    annulees: int
    bilans_valides: int
    vote: Decimal
    verse: Decimal

    @property
    def taux_bilans(self) -> int:
        return round(100 * self.bilans_valides / self.financees) if self.financees else 0

    @property
    def taux_verse(self) -> int:
        return round(100 * self.verse / self.vote) if self.vote else 0


@dataclass
class QuestionEgaliteCompte:
    numero: int
    texte: str
    reponses: dict[str, int]
    sans_reponse: int

    @property
    def barres(self) -> list[BarreNombre]:
        """One bar per choice (and one for no answer), in % of the actions asked."""
        paires = [(choix.capitalize(), n) for choix, n in self.reponses.items()]
        paires.append(("Sans réponse", self.sans_reponse))
        return _barres_nombres(paires, sum(self.reponses.values()) + self.sans_reponse)


@dataclass
class TableauDeBord:
    annee: int
    annees: list[int]
    financeurs: list[FinanceurAnnee]
    graphiques: list[Graphique]
    realisation: Realisation
    bilans_en_retard: int
    egalite: list[QuestionEgaliteCompte] = field(default_factory=list)
    demande_vote: list[DemandeVote] = field(default_factory=list)
    statuts: list[BarreNombre] = field(default_factory=list)
    bilans_en_retard_annee: int = 0


def tableau_de_bord(*, annee: int, today: datetime.date) -> TableauDeBord:
    annees = sorted(
        set(Dossier.objects.exclude(etat=EtatDossier.BROUILLON).values_list("campagne__annee", flat=True)),
        reverse=True,
    )
    finances = Dossier.objects.filter(campagne__annee=annee, etat__in=ETATS_FINANCES)
    financeurs = _par_financeur_et_annee()
    en_retard = _bilans_en_retard_par_annee(today)
    return TableauDeBord(
        annee=annee,
        annees=annees,
        financeurs=financeurs,
        graphiques=_repartitions(annee),
        realisation=_realisation(annee, finances),
        bilans_en_retard=sum(en_retard.values()),
        egalite=egalite_des_actions(finances),
        demande_vote=_demande_vote(financeurs, annee),
        statuts=_statuts(finances, today),
        bilans_en_retard_annee=en_retard.get(annee, 0),
    )


def _bilans_en_retard_par_annee(today: datetime.date) -> dict[int, int]:
    """Late bilans per programmation year, by the rule of the COPIL's bilan annuel (so both say the same)."""
    from suivi.selectors_bilan_annuel import CATEGORIE_EN_RETARD, _etat_bilan

    par_annee: dict[int, int] = defaultdict(int)
    dossiers = (
        Dossier.objects.filter(etat__in=ETATS_FINANCES)
        .exclude(bilan__etat__in=[EtatBilan.DEPOSE, EtatBilan.VALIDE])
        .select_related("campagne", "bilan", "suivi_action")
    )
    for dossier in dossiers:
        statut = statut_action(dossier=dossier, today=today)
        if _etat_bilan(dossier, _un_a_un(dossier, "bilan"), statut, today)[1] == CATEGORIE_EN_RETARD:
            par_annee[dossier.campagne.annee] += 1
    return dict(par_annee)


def _demande_vote(financeurs: list[FinanceurAnnee], annee: int) -> list[DemandeVote]:
    lignes = [DemandeVote(f.financeur, f.demande, f.vote) for f in financeurs if f.annee == annee]
    plus_grand = max((max(x.demande, x.vote) for x in lignes), default=ZERO) or Decimal(1)
    for x in lignes:
        x.largeur_demande = max(1, round(100 * x.demande / plus_grand)) if x.demande else 0
        x.largeur_vote = max(1, round(100 * x.vote / plus_grand)) if x.vote else 0
    return lignes


def _statuts(finances, today: datetime.date) -> list[BarreNombre]:
    """How many funded actions of the year are à venir, en cours, réalisées, terminées, annulées."""
    comptes: dict[str, int] = defaultdict(int)
    dossiers = list(finances.select_related("suivi_action", "campagne"))
    for dossier in dossiers:
        comptes[statut_action(dossier=dossier, today=today)] += 1
    return _barres_nombres([(s.label, comptes[s]) for s in StatutAction], len(dossiers))


def _par_financeur_et_annee() -> list[FinanceurAnnee]:
    lignes = (
        LigneFinancement.objects.exclude(dossier__etat=EtatDossier.BROUILLON)
        .values("dossier__campagne__annee", "financeur__nom", "financeur__ordre")
        .annotate(
            demande=Sum("montant_demande"),
            vote=Sum("montant_vote", filter=Q(dossier__etat__in=ETATS_FINANCES)),
        )
        .order_by("-dossier__campagne__annee", "financeur__ordre", "financeur__nom")
    )
    verses = {
        (annee, financeur): total
        for annee, financeur, total in Versement.objects.values(
            "ligne__dossier__campagne__annee", "ligne__financeur__nom"
        )
        .annotate(total=Sum("montant_verse"))
        .values_list("ligne__dossier__campagne__annee", "ligne__financeur__nom", "total")
    }
    return [
        FinanceurAnnee(
            annee=x["dossier__campagne__annee"],
            financeur=x["financeur__nom"],
            demande=x["demande"] or ZERO,
            vote=x["vote"] or ZERO,
            verse=verses.get((x["dossier__campagne__annee"], x["financeur__nom"])) or ZERO,
        )
        for x in lignes
    ]


def _repartitions(annee: int) -> list[Graphique]:
    finances = Dossier.objects.filter(campagne__annee=annee, etat__in=ETATS_FINANCES)
    montants = dict(
        LigneFinancement.objects.filter(dossier__in=finances)
        .values("dossier")
        .annotate(s=Sum("montant_vote"))
        .values_list("dossier", "s")
    )
    premiers_axes = dict(finances.annotate(axe=Min("axes")).values_list("pk", "axe"))
    axes = {a.pk: a for a in AxeStrategique.objects.select_related("enjeu").filter(pk__in=set(premiers_axes.values()))}
    par_enjeu: dict[str, list] = defaultdict(lambda: [0, ZERO])
    par_axe: dict[str, list] = defaultdict(lambda: [0, ZERO])
    for dossier_id, axe_id in premiers_axes.items():
        axe = axes.get(axe_id)
        montant = montants.get(dossier_id) or ZERO
        for cle, table in ((f"Enjeu {axe.enjeu.numero} : {axe.enjeu.titre}" if axe else "Sans axe", par_enjeu),
                           (f"{axe.code} {axe.titre}" if axe else "Sans axe", par_axe)):  # fmt: skip
            table[cle][0] += 1
            table[cle][1] += montant
    par_quartier: dict[str, list] = defaultdict(lambda: [0, ZERO])
    noms = dict(Quartier.objects.values_list("pk", "nom"))
    for dossier_id, quartier_id in finances.values_list("pk", "quartiers"):
        cle = noms.get(quartier_id, "Sans quartier précisé")
        par_quartier[cle][0] += 1
        par_quartier[cle][1] += montants.get(dossier_id) or ZERO

    def graphique(titre, identifiant, table, note=""):
        barres = [Barre(libelle, n, m) for libelle, (n, m) in sorted(table.items())]
        return Graphique(titre, identifiant, _largeurs(barres), note)

    return [
        graphique(
            "Montants votés par enjeu", "enjeu", par_enjeu, "Une action compte sous l'enjeu de son premier axe."
        ),
        graphique("Montants votés par axe stratégique", "axe", par_axe),
        graphique(
            "Montants votés par quartier",
            "quartier",
            par_quartier,
            "Une action qui touche deux quartiers compte dans chacun.",
        ),
    ]


def _realisation(annee: int, finances) -> Realisation:
    chiffres = finances.aggregate(
        n=Count("pk", distinct=True),
        annulees=Count("pk", distinct=True, filter=Q(suivi_action__annulee_le__isnull=False)),
        valides=Count("pk", distinct=True, filter=Q(bilan__etat=EtatBilan.VALIDE)),
    )
    vote = LigneFinancement.objects.filter(dossier__in=finances).aggregate(s=Sum("montant_vote"))["s"] or ZERO
    verse = Versement.objects.filter(ligne__dossier__in=finances).aggregate(s=Sum("montant_verse"))["s"] or ZERO
    return Realisation(chiffres["n"], chiffres["annulees"], chiffres["valides"], vote, verse)


def egalite_des_actions(finances) -> list[QuestionEgaliteCompte]:
    """Answers to each gender question: Q1–Q5 from the dossiers, Q6 from their bilans."""
    nombre = finances.count()
    comptes: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    repondants: dict[int, int] = defaultdict(int)
    for question_id, choix in ReponseEgalite.objects.filter(dossier__in=finances).values_list("question", "choix"):
        repondants[question_id] += 1 if choix else 0
        for c in choix:
            comptes[question_id][c] += 1
    for question_id, choix in BilanReponseEgalite.objects.filter(bilan__dossier__in=finances).values_list(
        "question", "choix"
    ):
        repondants[question_id] += 1 if choix else 0
        for c in choix:
            comptes[question_id][c] += 1
    return [
        QuestionEgaliteCompte(
            q.numero, q.texte, {c: comptes[q.pk].get(c, 0) for c in q.choix}, nombre - repondants[q.pk]
        )
        for q in QuestionEgalite.objects.order_by("numero")
    ]
