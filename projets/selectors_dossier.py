"""Reads for the dossier wizard: progress per step, budget totals, what still blocks the submission."""

from dataclasses import dataclass, field

from contratville.formatting import format_euros
from projets.enums import COMPTES_PRODUITS, CompteBudget, EtatDossier, MomentQuestion, TypeDocument
from projets.etapes import ETAPES
from projets.models import DocumentPorteur, Dossier, Financeur, QuestionEgalite
from projets.rules import TotauxBudget, budget_is_balanced, budget_totaux, montant_atteste_concorde

DOCUMENTS_REQUIS = [TypeDocument.STATUTS]


@dataclass
class Avancement:
    slug: str
    titre: str
    manques: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.manques


def dossier_totaux(*, dossier: Dossier) -> TotauxBudget:
    return budget_totaux(
        comptes=[(ligne.compte, ligne.montant) for ligne in dossier.lignes_budget.all()],
        subventions=[ligne.montant_demande for ligne in dossier.lignes_financement.all()],
    )


def questions_egalite_du_dossier():
    return QuestionEgalite.objects.filter(moment=MomentQuestion.DOSSIER).order_by("numero")


def financeurs_proposes(*, dossier: Dossier) -> list[Financeur]:
    """Active financeurs, those of the call first (then droit commun), plus any already on the dossier."""
    deja = dossier.lignes_financement.values("financeur")
    financeurs = Financeur.objects.filter(actif=True) | Financeur.objects.filter(pk__in=deja)
    return list(financeurs.distinct().order_by("-appel_a_projets", "ordre", "nom"))


def _manques_action(dossier: Dossier) -> list[str]:
    need = []
    for name, label in [("intitule", "l'intitulé"), ("objectifs", "les objectifs"), ("description", "la description")]:
        if not getattr(dossier, name).strip():
            need.append(f"Indiquez {label} de l'action.")
    if not dossier.date_debut or not dossier.date_fin:
        need.append("Indiquez les dates de début et de fin de l'action.")
    if not dossier.evaluation.strip():
        need.append("Décrivez comment l'action sera évaluée.")
    return need


def _manques_public(dossier: Dossier) -> list[str]:
    need = []
    if not dossier.public_cible.strip():
        need.append("Décrivez le public visé.")
    if not dossier.public_nombre:
        need.append("Indiquez le nombre de personnes visées.")
    if not dossier.quartiers.exists():
        need.append("Choisissez au moins un quartier.")
    return need


def _manques_orientations(dossier: Dossier) -> list[str]:
    return [] if dossier.axes.exists() else ["Choisissez au moins un axe stratégique du contrat de ville."]


def _manques_egalite(dossier: Dossier) -> list[str]:
    repondues = set(dossier.reponses_egalite.values_list("question_id", flat=True))
    if set(questions_egalite_du_dossier().values_list("pk", flat=True)) - repondues:
        return ["Répondez aux questions sur l'égalité femmes-hommes."]
    return []


def _manques_budget(dossier: Dossier) -> list[str]:
    need = []
    totaux = dossier_totaux(dossier=dossier)
    if not budget_is_balanced(totaux):
        need.append(budget_message(totaux))
    if not dossier.lignes_financement.filter(montant_demande__gt=0).exists():
        need.append("Demandez une subvention à au moins un financeur.")
    return need


def _manques_pieces(dossier: Dossier) -> list[str]:
    presents = set(DocumentPorteur.objects.filter(porteur=dossier.porteur_id).values_list("type", flat=True))
    return [
        f"Déposez les {TypeDocument(type_document).label.lower()} de la structure."
        for type_document in DOCUMENTS_REQUIS
        if type_document not in presents
    ]


def _manques_attestation(dossier: Dossier) -> list[str]:
    need = []
    if not dossier.signataire_nom.strip() or not dossier.signataire_qualite.strip():
        need.append("Indiquez le nom et la qualité de la personne qui signe.")
    if not dossier.attestation_honneur:
        need.append("Cochez la déclaration sur l'honneur.")
    subventions = dossier_totaux(dossier=dossier).subventions
    if not montant_atteste_concorde(montant_atteste=dossier.montant_atteste, subventions=subventions):
        need.append("Le montant attesté doit être égal au total des subventions demandées dans le budget.")
    return need


MANQUES_PAR_ETAPE = {
    "action": _manques_action,
    "public": _manques_public,
    "orientations": _manques_orientations,
    "egalite": _manques_egalite,
    "budget": _manques_budget,
    "pieces": _manques_pieces,
    "attestation": _manques_attestation,
}


def dossier_manques_etape(*, dossier: Dossier, etape: str) -> list[str]:
    """What one step still lacks before submission (empty list = complete)."""
    return MANQUES_PAR_ETAPE[etape](dossier)


def dossier_avancement(*, dossier: Dossier) -> list[Avancement]:
    """Each step with what is missing before submission (empty list = complete)."""
    return [
        Avancement(etape.slug, etape.titre, dossier_manques_etape(dossier=dossier, etape=etape.slug))
        for etape in ETAPES
    ]


def budget_message(totaux: TotauxBudget) -> str:
    if totaux.charges == 0:
        return "Le budget est vide : saisissez les charges et les produits de l'action."
    if totaux.ecart > 0:
        return (
            f"Le budget n'est pas équilibré : les charges ({format_euros(totaux.charges)}) dépassent les produits "
            f"({format_euros(totaux.produits)}) de {format_euros(totaux.ecart)}."
        )
    return (
        f"Le budget n'est pas équilibré : les produits ({format_euros(totaux.produits)}) dépassent les charges "
        f"({format_euros(totaux.charges)}) de {format_euros(-totaux.ecart)}."
    )


def dossier_manques_pour_depot(*, dossier: Dossier) -> list[str]:
    if dossier.etat != EtatDossier.BROUILLON:
        return [f"Ce dossier est déjà à l'état « {dossier.get_etat_display()} »."]
    return [manque for avancement in dossier_avancement(dossier=dossier) for manque in avancement.manques]


def comptes_du_budget() -> tuple[list[CompteBudget], list[CompteBudget]]:
    """(charges, produits) in CERFA order."""
    comptes = list(CompteBudget)
    return [c for c in comptes if c not in COMPTES_PRODUITS], [c for c in comptes if c in COMPTES_PRODUITS]
