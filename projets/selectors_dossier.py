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


def dossier_avancement(*, dossier: Dossier) -> list[Avancement]:
    """Each step with what is missing before submission (empty list = complete)."""
    manques = {etape.slug: [] for etape in ETAPES}
    need = manques["action"]
    for name, label in [("intitule", "l'intitulé"), ("objectifs", "les objectifs"), ("description", "la description")]:
        if not getattr(dossier, name).strip():
            need.append(f"Indiquez {label} de l'action.")
    if not dossier.date_debut or not dossier.date_fin:
        need.append("Indiquez les dates de début et de fin de l'action.")
    if not dossier.evaluation.strip():
        need.append("Décrivez comment l'action sera évaluée.")

    if not dossier.public_cible.strip():
        manques["public"].append("Décrivez le public visé.")
    if not dossier.public_nombre:
        manques["public"].append("Indiquez le nombre de personnes visées.")
    if not dossier.quartiers.exists():
        manques["public"].append("Choisissez au moins un quartier.")

    if not dossier.axes.exists():
        manques["orientations"].append("Choisissez au moins un axe stratégique du contrat de ville.")

    repondues = set(dossier.reponses_egalite.values_list("question_id", flat=True))
    if set(questions_egalite_du_dossier().values_list("pk", flat=True)) - repondues:
        manques["egalite"].append("Répondez aux questions sur l'égalité femmes-hommes.")

    totaux = dossier_totaux(dossier=dossier)
    if not budget_is_balanced(totaux):
        manques["budget"].append(budget_message(totaux))
    if not dossier.lignes_financement.filter(montant_demande__gt=0).exists():
        manques["budget"].append("Demandez une subvention à au moins un financeur.")

    presents = set(DocumentPorteur.objects.filter(porteur=dossier.porteur_id).values_list("type", flat=True))
    for type_document in DOCUMENTS_REQUIS:
        if type_document not in presents:
            manques["pieces"].append(f"Déposez les {TypeDocument(type_document).label.lower()} de la structure.")

    if not dossier.signataire_nom.strip() or not dossier.signataire_qualite.strip():
        manques["attestation"].append("Indiquez le nom et la qualité de la personne qui signe.")
    if not dossier.attestation_honneur:
        manques["attestation"].append("Cochez la déclaration sur l'honneur.")
    if not montant_atteste_concorde(montant_atteste=dossier.montant_atteste, subventions=totaux.subventions):
        manques["attestation"].append(
            "Le montant attesté doit être égal au total des subventions demandées dans le budget."
        )
    return [Avancement(etape.slug, etape.titre, manques[etape.slug]) for etape in ETAPES]


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
