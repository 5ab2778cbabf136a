"""The data of the « Tableau annuel des objectifs opérationnels » (the contract's template, forme indicative): per
enjeu and axe, each objectif opérationnel of the year with its référent and analyse, then its actions as four
columns — institution porteuse, droit commun et ressources mobilisables, définition de l'action politique de la
ville, indicateur de suivi.

An action counts under its first objectif of the year (lowest axe, then number), or under its first axe when it
has none, so that the amounts add up to the year's total."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from enjeux.models import AxeStrategique, ContratDeVille, Enjeu, ObjectifOperationnel
from projets.enums import NatureFinancement
from projets.models import LigneFinancement
from suivi.enums import TypeIndicateur
from suivi.models import Indicateur, ValeurIndicateur
from suivi.rules import ZERO
from suivi.selectors_rapports import dossiers_de_l_annee


@dataclass
class IndicateurRapport:
    libelle: str
    unite: str
    cible: Decimal | None
    valeur: Decimal | None
    taux: int | None


@dataclass
class ActionObjectif:
    numero: str
    porteur: str
    intitule: str
    specifiques: Decimal  # crédits spécifiques politique de la ville, voted
    droit_commun: list[tuple[str, Decimal]]  # financeur, voted (droit commun and abattement TFPB)
    indicateurs: list[IndicateurRapport]
    total: Decimal


@dataclass
class ObjectifRapport:
    numero: int | None  # None: the actions of the axe without an objectif of the year
    libelle: str
    referent: str
    analyse: str
    indicateurs: list[IndicateurRapport]
    actions: list[ActionObjectif] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((a.total for a in self.actions), ZERO)


@dataclass
class AxeRapport:
    code: str
    titre: str
    objectifs: list[ObjectifRapport]

    @property
    def total(self) -> Decimal:
        return sum((o.total for o in self.objectifs), ZERO)


@dataclass
class EnjeuRapport:
    numero: int
    titre: str
    axes: list[AxeRapport]

    @property
    def total(self) -> Decimal:
        return sum((a.total for a in self.axes), ZERO)


@dataclass
class TableauObjectifs:
    contrat: str
    annee: int
    enjeux: list[EnjeuRapport]
    axes_vides: list[str]
    nombre_objectifs: int
    nombre_actions: int
    total: Decimal
    sans_axe: list[ActionObjectif] = field(default_factory=list)

    @property
    def total_sans_axe(self) -> Decimal:
        return sum((a.total for a in self.sans_axe), ZERO)


def _indicateurs(indicateurs, annee: int) -> list[IndicateurRapport]:
    resultat = []
    for indicateur in indicateurs:
        valeur = next((v for v in indicateur.valeurs.all() if v.annee == annee), None)
        resultat.append(
            IndicateurRapport(
                libelle=indicateur.libelle,
                unite=indicateur.unite or ("%" if indicateur.type != TypeIndicateur.NOMBRE else ""),
                cible=valeur.cible if valeur else None,
                valeur=valeur.valeur if valeur else None,
                taux=valeur.taux_atteinte if valeur else None,
            )
        )
    return resultat


def _indicateurs_prefetch(annee: int) -> Prefetch:
    return Prefetch(
        "indicateurs",
        Indicateur.objects.filter(actif=True)
        .order_by("libelle")
        .prefetch_related(Prefetch("valeurs", ValeurIndicateur.objects.filter(annee=annee))),
    )


def tableau_objectifs(*, contrat: ContratDeVille, annee: int) -> TableauObjectifs:
    objectifs = list(
        ObjectifOperationnel.objects.filter(axe__enjeu__contrat=contrat, annee=annee)
        .select_related("axe__enjeu")
        .prefetch_related(_indicateurs_prefetch(annee))
        .order_by("axe__enjeu__numero", "axe__numero", "numero")
    )
    rang = {o.pk: i for i, o in enumerate(objectifs)}
    dossiers = (
        dossiers_de_l_annee(contrat=contrat, annee=annee)
        .select_related("porteur")
        .prefetch_related(
            "objectifs_operationnels",
            Prefetch("axes", AxeStrategique.objects.select_related("enjeu").order_by("enjeu__numero", "numero")),
            Prefetch("lignes_financement", LigneFinancement.objects.select_related("financeur")),
            _indicateurs_prefetch(annee),
        )
        .order_by("numero", "pk")
    )
    par_objectif: dict[int, list[ActionObjectif]] = defaultdict(list)
    par_axe: dict[int, list[ActionObjectif]] = defaultdict(list)
    sans_axe: list[ActionObjectif] = []
    for dossier in dossiers:
        action = _action(dossier, annee)
        siens = sorted((o for o in dossier.objectifs_operationnels.all() if o.pk in rang), key=lambda o: rang[o.pk])
        axe = next(iter(dossier.axes.all()), None)
        if siens:
            par_objectif[siens[0].pk].append(action)
        elif axe:
            par_axe[axe.pk].append(action)
        else:
            sans_axe.append(action)
    enjeux, axes_vides = [], []
    for enjeu in Enjeu.objects.filter(contrat=contrat).prefetch_related("axes").order_by("numero"):
        axes = []
        for axe in enjeu.axes.all():
            lignes = [
                ObjectifRapport(
                    numero=o.numero,
                    libelle=o.libelle,
                    referent=o.referent,
                    analyse=o.analyse,
                    indicateurs=_indicateurs(o.indicateurs.all(), annee),
                    actions=par_objectif.get(o.pk, []),
                )
                for o in objectifs
                if o.axe_id == axe.pk
            ]
            if par_axe.get(axe.pk):
                lignes.append(ObjectifRapport(None, "Actions sans objectif opérationnel", "", "", [], par_axe[axe.pk]))
            if lignes:
                axes.append(AxeRapport(code=f"{enjeu.numero}.{axe.numero}", titre=axe.titre, objectifs=lignes))
            else:
                axes_vides.append(f"{enjeu.numero}.{axe.numero}")
        if axes:
            enjeux.append(EnjeuRapport(numero=enjeu.numero, titre=enjeu.titre, axes=axes))
    total = sum((e.total for e in enjeux), ZERO) + sum((a.total for a in sans_axe), ZERO)
    return TableauObjectifs(
        contrat=str(contrat),
        annee=annee,
        enjeux=enjeux,
        axes_vides=axes_vides,
        nombre_objectifs=len(objectifs),
        nombre_actions=len(dossiers),
        total=total,
        sans_axe=sans_axe,
    )


def _action(dossier, annee: int) -> ActionObjectif:
    specifiques, droit_commun = ZERO, []
    for ligne in dossier.lignes_financement.all():
        vote = ligne.montant_vote or ZERO
        if ligne.nature == NatureFinancement.CREDITS_SPECIFIQUES:
            specifiques += vote
        elif vote:
            droit_commun.append((ligne.financeur.nom, vote))
    return ActionObjectif(
        numero=dossier.numero or "",
        porteur=str(dossier.porteur),
        intitule=dossier.intitule,
        specifiques=specifiques,
        droit_commun=droit_commun,
        indicateurs=_indicateurs(dossier.indicateurs.all(), annee),
        total=specifiques + sum((m for _, m in droit_commun), ZERO),
    )
