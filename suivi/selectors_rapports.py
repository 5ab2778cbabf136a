"""The data of the yearly reports that are tables of amounts: the état annexé au budget (per financeur and nature of
credits), the actions as the State's reporting asks for them, and the associations conventionnées. Read once; the
renderers (suivi/services/rapports_rendu.py) read no database.

Every report covers the actions funded in a year (retained by the COPIL, whatever happened to them since): the
requested and voted amounts are those of their financeur lines, the paid amounts those of their payments.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch, QuerySet, Sum

from enjeux.models import AxeStrategique, ContratDeVille, Quartier
from projets.enums import ETATS_FINANCES, NatureFinancement
from projets.models import Campagne, Dossier, LigneFinancement
from suivi.models import Convention, Rapport, Versement
from suivi.rules import ZERO
from suivi.selectors import statut_action


@dataclass
class Montants:
    demande: Decimal = ZERO
    vote: Decimal = ZERO
    verse: Decimal = ZERO

    def ajouter(self, autre: "Montants") -> None:
        self.demande += autre.demande
        self.vote += autre.vote
        self.verse += autre.verse

    @property
    def reste(self) -> Decimal:
        return self.vote - self.verse


def contrat_du_suivi() -> ContratDeVille | None:
    """The contract whose campagnes are followed: the one of the latest campagne."""
    campagne = Campagne.objects.select_related("contrat").order_by("-annee").first()
    return campagne.contrat if campagne else None


def rapports_recents(*, nombre: int = 30) -> QuerySet[Rapport]:
    return Rapport.objects.select_related("demande_par").order_by("-demande_le", "-pk")[:nombre]


def annees_du_contrat(*, contrat: ContratDeVille) -> list[int]:
    return list(Campagne.objects.filter(contrat=contrat).order_by("-annee").values_list("annee", flat=True))


def dossiers_de_l_annee(*, contrat: ContratDeVille, annee: int) -> QuerySet[Dossier]:
    return Dossier.objects.filter(campagne__contrat=contrat, campagne__annee=annee, etat__in=ETATS_FINANCES)


def _lignes(contrat: ContratDeVille, annee: int) -> QuerySet[LigneFinancement]:
    return LigneFinancement.objects.filter(dossier__in=dossiers_de_l_annee(contrat=contrat, annee=annee))


def verse_par_ligne(*, contrat: ContratDeVille, annee: int) -> dict[int, Decimal]:
    """What was paid on each financeur line of the year's actions."""
    return dict(
        Versement.objects.filter(ligne__in=_lignes(contrat, annee))
        .values("ligne")
        .annotate(s=Sum("montant_verse"))
        .values_list("ligne", "s")
    )


# État annexé au budget.


@dataclass
class LigneFinanceur:
    financeur: str
    actions: int
    montants: Montants


@dataclass
class GroupeNature:
    nature: str
    libelle: str
    financeurs: list[LigneFinanceur]
    total: Montants


# Short names of the natures, for narrow columns.
NATURES_COURTES = {
    NatureFinancement.CREDITS_SPECIFIQUES: "Crédits spécifiques",
    NatureFinancement.DROIT_COMMUN: "Droit commun",
    NatureFinancement.ABATTEMENT_TFPB: "Abattement TFPB",
}


@dataclass
class ActionAnnexe:
    numero: str
    porteur: str
    intitule: str
    par_nature: dict[str, Decimal]  # voted, per nature
    total: Decimal


@dataclass
class EtatAnnexe:
    contrat: str
    annee: int
    natures: list[GroupeNature]
    total: Montants
    nombre_actions: int
    actions: list[ActionAnnexe] = field(default_factory=list)
    natures_libelles: list[tuple[str, str]] = field(default_factory=list)


def etat_annexe(*, contrat: ContratDeVille, annee: int) -> EtatAnnexe:
    """Per nature of credits (crédits spécifiques, droit commun, abattement TFPB) and per financeur: the actions
    funded, requested, voted and paid; then each action's voted amount per nature."""
    lignes = _lignes(contrat, annee)
    verses = verse_par_ligne(contrat=contrat, annee=annee)
    groupes: dict[str, dict[str, LigneFinanceur]] = defaultdict(dict)
    par_action: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    for ligne in lignes.select_related("financeur").order_by("financeur__ordre", "financeur__nom", "pk"):
        montants = Montants(ligne.montant_demande, ligne.montant_vote or ZERO, verses.get(ligne.pk) or ZERO)
        cible = groupes[ligne.nature].setdefault(
            ligne.financeur.nom, LigneFinanceur(ligne.financeur.nom, 0, Montants())
        )
        cible.actions += 1
        cible.montants.ajouter(montants)
        par_action[ligne.dossier_id][ligne.nature] += montants.vote
    natures, total = [], Montants()
    for nature, libelle in NatureFinancement.choices:
        if nature not in groupes:
            continue
        financeurs = list(groupes[nature].values())
        sous_total = Montants()
        for ligne in financeurs:
            sous_total.ajouter(ligne.montants)
        total.ajouter(sous_total)
        natures.append(GroupeNature(nature, libelle, financeurs, sous_total))
    dossiers = dossiers_de_l_annee(contrat=contrat, annee=annee).select_related("porteur").order_by("numero", "pk")
    actions = [
        ActionAnnexe(
            numero=d.numero or "",
            porteur=str(d.porteur),
            intitule=d.intitule,
            par_nature={n.nature: par_action[d.pk][n.nature] for n in natures},
            total=sum(par_action[d.pk].values(), ZERO),
        )
        for d in dossiers
    ]
    return EtatAnnexe(
        contrat=str(contrat),
        annee=annee,
        natures=natures,
        total=total,
        nombre_actions=len(actions),
        actions=actions,
        natures_libelles=[(n.nature, NATURES_COURTES[n.nature]) for n in natures],
    )


# Actions for the State's reporting (CSV).


@dataclass
class ActionEtat:
    annee: int
    numero: str
    porteur: str
    siret: str
    intitule: str
    quartiers: str
    codes_qpv: str
    enjeu: str
    axe: str
    debut: str
    fin: str
    statut: str
    par_financeur: dict[str, Montants]
    total: Montants


@dataclass
class ActionsEtat:
    annee: int
    financeurs: list[str]
    actions: list[ActionEtat]
    total: Montants


def actions_pour_l_etat(*, contrat: ContratDeVille, annee: int, today: datetime.date) -> ActionsEtat:
    """One row per funded action: porteur with SIRET, quartiers (QPV codes), enjeu and axe (its first axe, as in
    the COPIL documents), amounts per financeur requested / voted / paid, status of the action."""
    verses = verse_par_ligne(contrat=contrat, annee=annee)
    dossiers = (
        dossiers_de_l_annee(contrat=contrat, annee=annee)
        .select_related("porteur", "campagne", "suivi_action")
        .prefetch_related(
            Prefetch("quartiers", Quartier.objects.order_by("nom")),
            Prefetch("axes", AxeStrategique.objects.select_related("enjeu").order_by("enjeu__numero", "numero")),
            Prefetch("lignes_financement", LigneFinancement.objects.select_related("financeur")),
        )
        .order_by("numero", "pk")
    )
    noms = list(
        _lignes(contrat, annee)
        .values_list("financeur__nom", flat=True)
        .order_by("financeur__ordre", "financeur__nom")
        .distinct()
    )
    financeurs = list(dict.fromkeys(noms))
    actions, total = [], Montants()
    for dossier in dossiers:
        par_financeur = {nom: Montants() for nom in financeurs}
        for ligne in dossier.lignes_financement.all():
            par_financeur[ligne.financeur.nom].ajouter(
                Montants(ligne.montant_demande, ligne.montant_vote or ZERO, verses.get(ligne.pk) or ZERO)
            )
        somme = Montants()
        for montants in par_financeur.values():
            somme.ajouter(montants)
        total.ajouter(somme)
        axe = next(iter(dossier.axes.all()), None)
        quartiers = list(dossier.quartiers.all())
        actions.append(
            ActionEtat(
                annee=annee,
                numero=dossier.numero or "",
                porteur=dossier.porteur.raison_sociale,
                siret=dossier.porteur.siret,
                intitule=dossier.intitule,
                quartiers=", ".join(q.nom for q in quartiers),
                codes_qpv=", ".join(q.code for q in quartiers if q.code),
                enjeu=f"{axe.enjeu.numero}. {axe.enjeu.titre}" if axe else "",
                axe=f"{axe.code} {axe.titre}" if axe else "",
                debut=f"{dossier.date_debut:%d/%m/%Y}" if dossier.date_debut else "",
                fin=f"{dossier.date_fin:%d/%m/%Y}" if dossier.date_fin else "",
                statut=statut_action(dossier=dossier, today=today).label,
                par_financeur=par_financeur,
                total=somme,
            )
        )
    return ActionsEtat(annee=annee, financeurs=financeurs, actions=actions, total=total)


# Associations conventionnées (annexe 15 of the contract).


@dataclass
class ConventionRapport:
    numero: str
    porteur: str
    siret: str
    type: str
    periode: str
    signee_le: str
    actions: int
    montants: list[tuple[str, Decimal]]  # financeur, amount of the year
    total: Decimal


@dataclass
class Conventionnees:
    contrat: str
    annee: int
    conventions: list[ConventionRapport]
    nombre_structures: int
    total: Decimal


def conventionnees(*, contrat: ContratDeVille, annee: int) -> Conventionnees:
    """The conventions covering the year (pluriannual ones included) and their amounts for that year."""
    conventions = (
        Convention.objects.filter(annee_debut__lte=annee, annee_fin__gte=annee, dossiers__campagne__contrat=contrat)
        .distinct()
        .select_related("porteur")
        .prefetch_related("engagements__financeur")
        .annotate(nombre_actions=Count("dossiers", distinct=True))
        .order_by("porteur__raison_sociale", "numero")
    )
    lignes = []
    for convention in conventions:
        montants = [
            (str(e.financeur), e.montant)
            for e in sorted(convention.engagements.all(), key=lambda e: (e.financeur.ordre, e.financeur.nom))
            if e.annee == annee
        ]
        lignes.append(
            ConventionRapport(
                numero=convention.numero,
                porteur=convention.porteur.raison_sociale,
                siret=convention.porteur.siret,
                type=convention.get_type_display(),
                periode=str(convention.annee_debut)
                if convention.annee_fin == convention.annee_debut
                else f"{convention.annee_debut}–{convention.annee_fin}",
                signee_le=f"{convention.date_signature:%d/%m/%Y}" if convention.date_signature else "non signée",
                actions=convention.nombre_actions,
                montants=montants,
                total=sum((m for _, m in montants), ZERO),
            )
        )
    return Conventionnees(
        contrat=str(contrat),
        annee=annee,
        conventions=lignes,
        nombre_structures=len({c.porteur for c in lignes}),
        total=sum((c.total for c in lignes), ZERO),
    )
