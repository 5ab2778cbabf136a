"""The procès-verbal of a closed COPIL: attendees and presence, quorum, recusals, decisions per line, amendments."""

import pytest

from projets.selectors_proces_verbal import proces_verbal_de_seance
from projets.services.documents import proces_verbal_pdf
from tests.helpers.copil_clos import copil_clos
from tests.helpers.pdf import montants, pdf_texte

pytestmark = pytest.mark.django_db


@pytest.fixture
def texte():
    copil = copil_clos()
    return " ".join(pdf_texte(proces_verbal_pdf(seance=copil.seance), "proces-verbal").split())


def test_it_lists_every_member_convoked_with_their_presence(texte):
    assert "Claire Martin Ville — Titulaire Présent·e" in texte
    assert "Paul Durand Préfecture — Titulaire Absent·e" in texte
    assert "Léa Petit Préfecture — Suppléance de Paul Durand Présent·e" in texte


def test_it_states_the_quorum_required_and_reached(texte):
    # Three titulaire seats, "la moitié plus un" = 2; the three seats are represented (one by its suppléante).
    assert "Quorum atteint : 3 sièges de titulaire représentés (titulaire ou suppléance présente), 2 requis." in texte


def test_it_lists_the_recusals_with_their_motive(texte):
    assert "CV-2031-0003 – Jardin Inès Roux Membre du bureau de l'Association B. Automatique" in texte


def test_it_gives_each_decision_per_financeur_line_with_amounts_and_motives(texte):
    assert "CV-2031-0001 – Atelier emploi Association A" in texte
    assert "Ville de Blois 12 500,00 € 10 000,00 € Accordé 9 000,00 €" in texte
    assert "Ville de Blois 6 000,00 € 0,00 € Refusé — Action hors des priorités de l'année." in texte
    assert "CAF de Loir-et-Cher 1 500,00 € 1 500,00 € Ajourné — Budget à préciser." in texte
    assert montants(texte.split("Total accordé")[1].split("5. Amendements")[0]) == [17300]


def test_it_records_the_amendments_of_locked_decisions(texte):
    amendements = texte.split("5. Amendements")[1]
    assert "CV-2031-0001" in amendements and "Erreur de saisie" in amendements
    assert montants(amendements) == [9500, 9000]  # before, after
    assert "Séance close le 12/03/2031 à 18:30 par Claire Martin" in texte


def test_an_amendment_names_its_line_its_before_and_after():
    copil = copil_clos()
    (amendement,) = proces_verbal_de_seance(seance=copil.seance).amendements
    assert amendement.ligne == "CV-2031-0001, Ville de Blois"
    assert (amendement.avant, amendement.apres) == ("Accordé, 9\u00a0500,00\u00a0€", "Accordé, 9\u00a0000,00\u00a0€")
    assert amendement.motif == "Erreur de saisie du montant en séance." and amendement.par == "Claire Martin"
