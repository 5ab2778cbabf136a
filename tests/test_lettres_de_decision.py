"""Decision letters: one per porteur, per dossier and per financeur, with amounts and motives."""

import pytest

from projets.selectors_lettres import lettres_de_seance
from projets.services.documents import lettre_decision_pdf
from tests.helpers.copil_clos import copil_clos
from tests.helpers.pdf import pdf_texte

pytestmark = pytest.mark.django_db


def test_one_letter_per_porteur_with_its_own_dossiers_only():
    copil = copil_clos()
    lettres = lettres_de_seance(seance=copil.seance)

    assert [lettre.porteur for lettre in lettres] == ["Association A", "Association B"]
    assert [d.numero for d in lettres[0].dossiers] == ["CV-2031-0001", "CV-2031-0002"]
    assert [d.numero for d in lettres[1].dossiers] == ["CV-2031-0003", "CV-2031-0004"]


def test_the_letter_gives_each_financeur_decision_amount_and_motive():
    copil = copil_clos()
    texte = " ".join(
        pdf_texte(lettre_decision_pdf(seance=copil.seance, porteur=copil.porteurs["a"]), "lettre-a").split()
    )
    assert "Objet : décision du comité de pilotage du 12/03/2031 – Appel à projets 2031" in texte
    assert "Ville de Blois 12 500,00 € Accordé 9 000,00 €" in texte
    assert "Terres de Loire Habitat 2 000,00 € Accordé 1 800,00 €" in texte
    assert "Total accordé à votre structure : 17 300,00 €" in texte
    assert "Jardin" not in texte  # porteur B's dossier

    texte_b = " ".join(
        pdf_texte(lettre_decision_pdf(seance=copil.seance, porteur=copil.porteurs["b"]), "lettre-b").split()
    )
    assert "Ville de Blois 6 000,00 € Refusé — Action hors des priorités de l'année." in texte_b
    assert "CAF de Loir-et-Cher 1 500,00 € Ajourné — Budget à préciser." in texte_b
    assert "réexaminé lors d'une prochaine séance" in texte_b
