"""The programmation of a campagne: what the COPIL examined, its figures and the table enjeu → axe → dossier.

Everything is read in a fixed number of queries (plain values, no model instances) and returned as plain
dataclasses, so that the PDF template does no query and the same data always gives the same empreinte.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Value
from django.db.models.functions import Coalesce, NullIf

from projets.enums import ETATS_FINANCES, Decision, EtatDossier, NatureFinancement, StatutSeance, TypeInstance
from projets.models import Campagne, DecisionLigne, Dossier, LigneFinancement, Seance
from projets.rules import ZERO

# Dossiers the COPIL examined: proposed to it (instruit, possibly ajourné), retained (and later funded
# states) or not retained.
ETATS_EXAMINES = [EtatDossier.INSTRUIT, *ETATS_FINANCES, EtatDossier.NON_RETENU]

# The three kinds of funding, in the order of the PDF. The TFPB abatement is kept apart from the droit commun:
# it is a tax relief the bailleurs value themselves, not a grant paid out, and adding it to the grants would
# overstate the money the partners put in.
NATURES = [NatureFinancement.CREDITS_SPECIFIQUES, NatureFinancement.DROIT_COMMUN, NatureFinancement.ABATTEMENT_TFPB]

SANS_QUARTIER = "Sans quartier précisé"


@dataclass
class Montants:
    demande: Decimal = ZERO
    propose: Decimal = ZERO
    vote: Decimal = ZERO

    def ajouter(self, autre: "Montants") -> None:
        self.demande += autre.demande
        self.propose += autre.propose
        self.vote += autre.vote


@dataclass
class LigneProgrammation:
    financeur: str
    nature: str
    demande: Decimal
    propose: Decimal | None
    vote: Decimal | None  # None: not decided yet, or ajourné
    motif: str = ""  # of the refusal
    refusee: bool = False  # voted 0 by a refusal, said as such (a retained dossier may have a refused line)

    @property
    def montants(self) -> Montants:
        return Montants(self.demande, self.propose or ZERO, self.vote or ZERO)


@dataclass
class DossierProgrammation:
    numero: str
    intitule: str
    porteur: str
    etat: str
    etat_libelle: str
    axe: str  # code of the axe it is listed under ("2.1")
    autres_axes: list[str]
    quartiers: list[str]
    lignes: list[LigneProgrammation] = field(default_factory=list)

    @property
    def montants(self) -> Montants:
        total = Montants()
        for ligne in self.lignes:
            total.ajouter(ligne.montants)
        return total


@dataclass
class Regroupement:
    """A row of a summary table: an enjeu, an axe, a quartier or a financeur, with its dossiers and amounts."""

    libelle: str
    dossiers: int = 0
    montants: Montants = field(default_factory=Montants)


NATURES_COURTES = {
    NatureFinancement.CREDITS_SPECIFIQUES: "crédits spécifiques",
    NatureFinancement.DROIT_COMMUN: "droit commun",
    NatureFinancement.ABATTEMENT_TFPB: "abattement TFPB",
}


@dataclass
class TotauxNature:
    nature: str
    libelle: str
    court: str
    financeurs: list[Regroupement]
    total: Montants


@dataclass
class AxeProgramme:
    code: str
    titre: str
    dossiers: list[DossierProgrammation]


@dataclass
class EnjeuProgramme:
    numero: int
    titre: str
    axes: list[AxeProgramme]


@dataclass
class Programmation:
    contrat: str
    campagne: str
    annee: int
    seances_copil: list[str]  # dates (dd/mm/yyyy) of the closed COPIL séances of the campagne
    nombre_dossiers: int
    nombre_porteurs: int
    nombre_retenus: int
    nombre_non_retenus: int
    nombre_en_attente: int
    total: Montants
    par_nature: list[TotauxNature]
    par_enjeu: list[Regroupement]
    par_axe: list[Regroupement]
    par_quartier: list[Regroupement]
    tableau: list[EnjeuProgramme]
    non_retenus: list[DossierProgrammation]


def _axes_par_dossier(examines) -> dict[int, list[dict]]:
    """Each dossier's axes, first axe first (lowest enjeu numero, then axe numero)."""
    through = Dossier.axes.through.objects.filter(dossier_id__in=examines).values_list(
        "dossier_id",
        "axestrategique__numero",
        "axestrategique__titre",
        "axestrategique__enjeu__numero",
        "axestrategique__enjeu__titre",
    )
    axes = defaultdict(list)
    for dossier_id, numero, titre, enjeu_numero, enjeu_titre in through:
        axes[dossier_id].append({"enjeu": (enjeu_numero, enjeu_titre), "numero": numero, "titre": titre})
    for liste in axes.values():
        liste.sort(key=lambda axe: (axe["enjeu"][0], axe["numero"]))
    return axes


def _quartiers_par_dossier(examines) -> dict[int, list[str]]:
    through = Dossier.quartiers.through.objects.filter(dossier_id__in=examines).values_list(
        "dossier_id", "quartier__nom"
    )
    quartiers = defaultdict(list)
    for dossier_id, nom in through:
        quartiers[dossier_id].append(nom)
    return {pk: sorted(noms) for pk, noms in quartiers.items()}


def _refus(examines) -> dict[int, str]:
    """Line → motif, for the lines whose latest decision in a closed séance is a refusal."""
    decisions = (
        DecisionLigne.objects.filter(ligne__dossier_id__in=examines, seance__statut=StatutSeance.CLOSE)
        .exclude(decision="")
        .order_by("seance__date", "pk")
        .values_list("ligne_id", "decision", "motif")
    )
    dernieres = {ligne: (decision, motif) for ligne, decision, motif in decisions}  # later séances override
    return {ligne: motif for ligne, (decision, motif) in dernieres.items() if decision == Decision.REFUSE}


def _lignes_par_dossier(examines) -> dict[int, list[LigneProgrammation]]:
    rows = (
        LigneFinancement.objects.filter(dossier_id__in=examines)
        .order_by("financeur__ordre", "financeur__nom", "pk")
        .values_list(
            "pk", "dossier_id", "financeur__nom", "nature", "montant_demande", "montant_propose", "montant_vote"
        )
    )
    refus = _refus(examines)
    lignes = defaultdict(list)
    for pk, dossier_id, financeur, nature, demande, propose, vote in rows:
        refusee = pk in refus
        lignes[dossier_id].append(
            LigneProgrammation(financeur, nature, demande, propose, vote, refus.get(pk, ""), refusee)
        )
    return lignes


def _seances_copil(campagne: Campagne) -> list[str]:
    dates = Seance.objects.filter(
        campagne=campagne, comite__type=TypeInstance.COPIL, statut=StatutSeance.CLOSE
    ).order_by("date")
    return [f"{date:%d/%m/%Y}" for date in dates.values_list("date", flat=True)]


@dataclass
class _Lu:
    """A dossier as read, with its sorted axes (the axes decide where it is listed) and its porteur's id."""

    dossier: DossierProgrammation
    axes: list[dict]
    porteur_id: int


def _dossiers(campagne: Campagne) -> list[_Lu]:
    # Subqueries on the campagne rather than lists of ids: each query stays short whatever the number of dossiers.
    examines = Dossier.objects.filter(campagne=campagne, etat__in=ETATS_EXAMINES)
    # The structure's name when the COPIL decided, as published (a later rename changes no decided document).
    nom = Coalesce(NullIf("porteur_nom_decision", Value("")), "porteur__raison_sociale")
    rows = (
        examines.annotate(nom_porteur=nom)
        .order_by("nom_porteur", "intitule", "pk")
        .values_list("pk", "numero", "intitule", "etat", "porteur_id", "nom_porteur", "porteur__sigle")
    )
    ids = examines.values("pk")
    axes, quartiers, lignes = _axes_par_dossier(ids), _quartiers_par_dossier(ids), _lignes_par_dossier(ids)
    lus = []
    for pk, numero, intitule, etat, porteur_id, raison_sociale, sigle in rows:
        axes_dossier = axes.get(pk, [])
        codes = [f"{axe['enjeu'][0]}.{axe['numero']}" for axe in axes_dossier]
        dossier = DossierProgrammation(
            numero=numero or "",
            intitule=intitule,
            porteur=f"{raison_sociale} ({sigle})" if sigle else raison_sociale,
            etat=etat,
            etat_libelle=EtatDossier(etat).label,
            axe=codes[0] if codes else "",
            autres_axes=codes[1:],
            quartiers=quartiers.get(pk, []),
            lignes=lignes.get(pk, []),
        )
        lus.append(_Lu(dossier, axes_dossier, porteur_id))
    return lus


def _par_nature(dossiers: list[DossierProgrammation]) -> list[TotauxNature]:
    financeurs: dict[str, dict[str, Regroupement]] = {nature: {} for nature in NATURES}
    for dossier in dossiers:
        for ligne in dossier.lignes:
            groupe = financeurs.setdefault(ligne.nature, {})
            regroupement = groupe.setdefault(ligne.financeur, Regroupement(ligne.financeur))
            regroupement.dossiers += 1
            regroupement.montants.ajouter(ligne.montants)
    resultat = []
    for nature, groupe in financeurs.items():
        if groupe:
            total = Montants()
            for regroupement in groupe.values():
                total.ajouter(regroupement.montants)
            resultat.append(
                TotauxNature(
                    nature, NatureFinancement(nature).label, NATURES_COURTES[nature], list(groupe.values()), total
                )
            )
    return resultat


SANS_AXE = {"enjeu": (999, "Sans axe stratégique"), "numero": 0, "titre": "Sans axe stratégique"}


def _premier_axe(lu: _Lu) -> dict:
    return lu.axes[0] if lu.axes else SANS_AXE


def _regrouper(lus: list[_Lu], cles) -> list[Regroupement]:
    groupes: dict[object, Regroupement] = {}
    for lu in lus:
        montants = lu.dossier.montants
        for cle, libelle in cles(lu):
            groupe = groupes.setdefault(cle, Regroupement(libelle))
            groupe.dossiers += 1
            groupe.montants.ajouter(montants)
    return [groupes[cle] for cle in sorted(groupes)]


def _cle_enjeu(lu: _Lu):
    numero, titre = _premier_axe(lu)["enjeu"]
    return [((numero, titre), titre if numero == 999 else f"{numero}. {titre}")]


def _cle_axe(lu: _Lu):
    axe = _premier_axe(lu)
    code = f"{axe['enjeu'][0]}.{axe['numero']} " if axe is not SANS_AXE else ""
    return [((axe["enjeu"][0], axe["numero"]), f"{code}{axe['titre']}")]


def _cle_quartiers(lu: _Lu):
    # A dossier counts in each of its quartiers: these rows may add up to more than the total.
    return [((0, nom), nom) for nom in lu.dossier.quartiers] or [((1, SANS_QUARTIER), SANS_QUARTIER)]


def _tableau(lus: list[_Lu]) -> list[EnjeuProgramme]:
    """Enjeu → axe → dossiers; a dossier with several axes is listed once, under its first axe."""
    enjeux: dict[tuple, dict[int, AxeProgramme]] = {}
    for lu in lus:
        axe = _premier_axe(lu)
        code = f"{axe['enjeu'][0]}.{axe['numero']}" if axe is not SANS_AXE else ""
        axes = enjeux.setdefault(axe["enjeu"], {})
        axes.setdefault(axe["numero"], AxeProgramme(code, axe["titre"], [])).dossiers.append(lu.dossier)
    return [
        EnjeuProgramme(numero, titre, [axes[cle] for cle in sorted(axes)])
        for (numero, titre), axes in sorted(enjeux.items())
    ]


def programmation_campagne(*, campagne: Campagne) -> Programmation:
    """The figures and tables of the programmation PDF (see the module docstring)."""
    lus = _dossiers(campagne)
    dossiers = [lu.dossier for lu in lus]
    total = Montants()
    for dossier in dossiers:
        total.ajouter(dossier.montants)
    return Programmation(
        contrat=str(campagne.contrat),
        campagne=campagne.libelle,
        annee=campagne.annee,
        seances_copil=_seances_copil(campagne),
        nombre_dossiers=len(dossiers),
        nombre_porteurs=len({lu.porteur_id for lu in lus}),
        nombre_retenus=sum(1 for d in dossiers if d.etat in ETATS_FINANCES),
        nombre_non_retenus=sum(1 for d in dossiers if d.etat == EtatDossier.NON_RETENU),
        nombre_en_attente=sum(1 for d in dossiers if d.etat == EtatDossier.INSTRUIT),
        total=total,
        par_nature=_par_nature(dossiers),
        par_enjeu=_regrouper(lus, _cle_enjeu),
        par_axe=_regrouper(lus, _cle_axe),
        par_quartier=_regrouper(lus, _cle_quartiers),
        tableau=_tableau([lu for lu in lus if lu.dossier.etat != EtatDossier.NON_RETENU]),
        non_retenus=[d for d in dossiers if d.etat == EtatDossier.NON_RETENU],
    )
