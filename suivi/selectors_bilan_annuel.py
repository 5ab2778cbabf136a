"""The data of the bilan annuel presented to the COPIL: the actions funded in a year, what became of them (status,
payments, bilans), the publics the filed bilans report, the answers to the gender questions, the indicators."""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from enjeux.models import ContratDeVille
from projets.models import LigneFinancement
from suivi.enums import EtatBilan, StatutAction
from suivi.models import TRANCHES_AGE, BilanQuartier, BilanReponseEgalite, Indicateur, ValeurIndicateur
from suivi.rules import ZERO, bilan_date_limite
from suivi.selectors import statut_action
from suivi.selectors_rapports import LigneFinanceur, Montants, dossiers_de_l_annee, verse_par_ligne
from suivi.selectors_tableaux import QuestionEgaliteCompte, egalite_des_actions

# Bilans counted in the publics: filed ones (a draft may still change).
ETATS_BILAN_COMPTES = {EtatBilan.DEPOSE, EtatBilan.VALIDE}
CATEGORIE_EN_RETARD = "En retard"


@dataclass
class ActionBilan:
    numero: str
    porteur: str
    intitule: str
    statut: str
    vote: Decimal
    verse: Decimal
    bilan: str
    femmes: int | None
    hommes: int | None
    q6: str


@dataclass
class Publics:
    femmes: int = 0
    hommes: int = 0
    ages: list[tuple[str, int]] = field(default_factory=list)
    quartiers: list[tuple[str, int]] = field(default_factory=list)
    hors_quartiers: int = 0
    bilans: int = 0

    @property
    def total(self) -> int:
        return self.femmes + self.hommes

    @property
    def part_femmes(self) -> int | None:
        return round(100 * self.femmes / self.total) if self.total else None


@dataclass
class IndicateurAnnuel:
    libelle: str
    rattachement: str  # objectif opérationnel or action
    unite: str
    cible: Decimal | None
    valeur: Decimal | None
    taux: int | None


@dataclass
class BilanAnnuel:
    contrat: str
    annee: int
    date: str
    nombre_actions: int
    par_statut: list[tuple[str, int]]
    par_etat_bilan: list[tuple[str, int]]
    bilans_en_retard: int
    montants: Montants
    par_financeur: list[LigneFinanceur]
    publics: Publics
    egalite: list[QuestionEgaliteCompte]
    actions: list[ActionBilan]
    indicateurs: list[IndicateurAnnuel]

    @property
    def taux_verse(self) -> int:
        return round(100 * self.montants.verse / self.montants.vote) if self.montants.vote else 0


def _etat_bilan(dossier, bilan, statut: StatutAction, today: datetime.date) -> tuple[str, str]:
    """The bilan's state in words, and the category it is counted in."""
    if statut == StatutAction.ANNULE:
        return "Sans objet (action annulée)", "Sans objet (action annulée)"
    if bilan and bilan.etat in (EtatBilan.DEPOSE, EtatBilan.VALIDE):
        return bilan.get_etat_display(), bilan.get_etat_display()
    echeance = (
        bilan.date_limite if bilan else bilan_date_limite(annee=dossier.campagne.annee, date_fin=dossier.date_fin)
    )
    if today > echeance:
        return f"En retard (attendu le {echeance:%d/%m/%Y})", CATEGORIE_EN_RETARD
    if bilan and bilan.etat == EtatBilan.A_CORRIGER:
        return f"À compléter (avant le {echeance:%d/%m/%Y})", "À compléter"
    return f"Attendu le {echeance:%d/%m/%Y}", "Attendu"


def bilan_annuel(*, contrat: ContratDeVille, annee: int, today: datetime.date) -> BilanAnnuel:
    dossiers = list(
        dossiers_de_l_annee(contrat=contrat, annee=annee)
        .select_related("porteur", "campagne", "suivi_action", "bilan")
        .prefetch_related(
            Prefetch("lignes_financement", LigneFinancement.objects.select_related("financeur")),
            Prefetch("bilan__reponses_egalite", BilanReponseEgalite.objects.select_related("question")),
        )
        .order_by("numero", "pk")
    )
    verses = verse_par_ligne(contrat=contrat, annee=annee)
    par_financeur: dict[str, LigneFinanceur] = {}
    ordre: dict[str, tuple] = {}
    actions, statuts, etats, total, bilans_comptes = [], Counter(), Counter(), Montants(), []
    for dossier in dossiers:
        bilan = getattr(dossier, "bilan", None)  # the reverse one-to-one raises an AttributeError when absent
        statut = statut_action(dossier=dossier, today=today)
        montants = Montants()
        for ligne in sorted(dossier.lignes_financement.all(), key=lambda x: (x.financeur.ordre, x.financeur.nom)):
            de_la_ligne = Montants(ligne.montant_demande, ligne.montant_vote or ZERO, verses.get(ligne.pk) or ZERO)
            montants.ajouter(de_la_ligne)
            cible = par_financeur.setdefault(ligne.financeur.nom, LigneFinanceur(ligne.financeur.nom, 0, Montants()))
            ordre[ligne.financeur.nom] = (ligne.financeur.ordre, ligne.financeur.nom)
            cible.actions += 1
            cible.montants.ajouter(de_la_ligne)
        total.ajouter(montants)
        libelle_bilan, categorie = _etat_bilan(dossier, bilan, statut, today)
        statuts[statut.label] += 1
        etats[categorie] += 1
        compte = bilan is not None and bilan.etat in ETATS_BILAN_COMPTES
        if compte:
            bilans_comptes.append(bilan)
        q6 = next((r for r in bilan.reponses_egalite.all() if r.question.numero == 6), None) if bilan else None
        actions.append(
            ActionBilan(
                numero=dossier.numero or "",
                porteur=str(dossier.porteur),
                intitule=dossier.intitule,
                statut=statut.label,
                vote=montants.vote,
                verse=montants.verse,
                bilan=libelle_bilan,
                femmes=bilan.public_femmes if compte else None,
                hommes=bilan.public_hommes if compte else None,
                q6=", ".join(q6.choix) if q6 and compte else "",
            )
        )
    publics = _publics(bilans_comptes)
    return BilanAnnuel(
        contrat=str(contrat),
        annee=annee,
        date=f"{today:%d/%m/%Y}",
        nombre_actions=len(dossiers),
        par_statut=[(s.label, statuts[s.label]) for s in StatutAction if statuts[s.label]],
        par_etat_bilan=sorted(etats.items()),
        bilans_en_retard=etats[CATEGORIE_EN_RETARD],
        montants=total,
        par_financeur=sorted(par_financeur.values(), key=lambda f: ordre[f.financeur]),
        publics=publics,
        egalite=egalite_des_actions(dossiers_de_l_annee(contrat=contrat, annee=annee)),
        actions=actions,
        indicateurs=indicateurs_de_l_annee(contrat=contrat, annee=annee),
    )


def _publics(bilans) -> Publics:
    publics = Publics(bilans=len(bilans))
    ages: dict[str, int] = defaultdict(int)
    for bilan in bilans:
        publics.femmes += bilan.public_femmes or 0
        publics.hommes += bilan.public_hommes or 0
        publics.hors_quartiers += bilan.public_hors_quartiers or 0
        for nom, libelle in TRANCHES_AGE:
            ages[libelle] += getattr(bilan, nom) or 0
    publics.ages = [(libelle, ages[libelle]) for _, libelle in TRANCHES_AGE]
    quartiers: dict[str, int] = defaultdict(int)
    for nom, nombre in BilanQuartier.objects.filter(bilan__in=[b.pk for b in bilans]).values_list(
        "quartier__nom", "nombre"
    ):
        quartiers[nom] += nombre
    publics.quartiers = sorted(quartiers.items())
    return publics


def indicateurs_de_l_annee(*, contrat: ContratDeVille, annee: int) -> list[IndicateurAnnuel]:
    """The active indicators of the contract with a target or a value for the year."""
    indicateurs = (
        Indicateur.objects.filter(contrat=contrat, actif=True, valeurs__annee=annee)
        .distinct()
        .select_related("objectif__axe__enjeu", "dossier")
        .prefetch_related(Prefetch("valeurs", ValeurIndicateur.objects.filter(annee=annee)))
        .order_by("objectif__axe__enjeu__numero", "objectif__axe__numero", "dossier__numero", "libelle")
    )
    resultat = []
    for indicateur in indicateurs:
        valeur = indicateur.valeurs.all()[0]
        if indicateur.objectif:
            rattachement = f"Objectif {indicateur.objectif.axe.code}.{indicateur.objectif.numero}"
        elif indicateur.dossier:
            rattachement = f"Action {indicateur.dossier.numero or indicateur.dossier.intitule}"
        else:
            rattachement = "Contrat"
        resultat.append(
            IndicateurAnnuel(
                libelle=indicateur.libelle,
                rattachement=rattachement,
                unite=indicateur.unite or indicateur.get_type_display(),
                cible=valeur.cible,
                valeur=valeur.valeur,
                taux=valeur.taux_atteinte,
            )
        )
    return resultat
