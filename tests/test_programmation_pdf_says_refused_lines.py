"""A line the COPIL refused in a retained dossier reads « Refusé » and its reason in the programmation PDF, never
a bare « 0,00 € » voted."""

from decimal import Decimal

import pytest

from projets.enums import Decision
from projets.factories import DecisionLigneFactory, LigneFinancementFactory
from projets.selectors_programmation import programmation_campagne
from projets.services.documents import programmation_pdf
from tests.helpers.copil_clos import copil_clos
from tests.helpers.pdf import pdf_texte

pytestmark = pytest.mark.django_db
MOTIF = "Hors du champ du bailleur."


@pytest.fixture
def copil():
    """The retained « Atelier emploi » also asked Terres de Loire Habitat, which refused."""
    copil = copil_clos()
    ligne = LigneFinancementFactory(
        dossier=copil.dossiers["retenu"], financeur=copil.financeurs["bailleur"],
        montant_demande=Decimal("1500"), montant_propose=Decimal("0"), montant_vote=Decimal("0"),
    )  # fmt: skip
    DecisionLigneFactory(
        seance=copil.seance, ligne=ligne, decision=Decision.REFUSE, montant_vote=None, motif=MOTIF, verrouillee=True
    )
    return copil


def test_the_refused_line_of_a_retained_dossier_is_marked_refused_with_its_reason(copil):
    programmation = programmation_campagne(campagne=copil.campagne)
    lignes = {
        ligne.financeur: ligne
        for enjeu in programmation.tableau
        for axe in enjeu.axes
        for dossier in axe.dossiers
        if dossier.numero == "CV-2031-0001"
        for ligne in dossier.lignes
    }
    assert lignes["Terres de Loire Habitat"].refusee and lignes["Terres de Loire Habitat"].motif == MOTIF
    assert not lignes["Ville de Blois"].refusee and lignes["Ville de Blois"].motif == ""


def test_the_pdf_reads_refused_and_the_reason_on_the_line(copil):
    texte = pdf_texte(programmation_pdf(campagne=copil.campagne), "programmation-ligne-refusee")
    ligne = next(ligne for ligne in texte.splitlines() if "Terres de Loire Habitat" in ligne and "1 500,00" in ligne)
    assert ligne.split()[-1] == "Refusé"  # the voted column, not a bare 0,00 €
    assert "Hors du champ" in texte
