"""Conventions: only for retained dossiers, once, up to four years; the amounts are the votes; the PDF says so."""

import pytest
from django.core.exceptions import ValidationError

from projets.enums import EtatDossier
from projets.models import Dossier
from suivi.enums import TypeConvention
from suivi.services.conventions import convention_create
from suivi.services.documents import convention_pdf
from tests.helpers.pdf import ligne_de, montants, pdf_texte
from tests.helpers.suivi import VOTE_ETAT, VOTE_VILLE, dossier_vote

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(membre_copil):
    return dossier_vote(membre_copil=membre_copil)


def test_a_pluriannual_convention_lasts_four_years_at_most(dossier, instructeur):
    annee = dossier.campagne.annee
    with pytest.raises(ValidationError, match="au plus 4 ans"):
        convention_create(dossiers=[dossier], annee_fin=annee + 4, by=instructeur)
    convention = convention_create(dossiers=[dossier], annee_fin=annee + 3, by=instructeur)
    assert convention.type == TypeConvention.PLURIANNUELLE
    assert convention.engagements.count() == 8  # 4 years × 2 financeurs, later years as year 1 until voted


def test_only_a_retained_dossier_and_only_once(dossier, instructeur):
    convention_create(dossiers=[dossier], by=instructeur)
    with pytest.raises(ValidationError, match="déjà l'objet d'une convention"):
        convention_create(dossiers=[dossier], by=instructeur)
    Dossier.objects.filter(pk=dossier.pk).update(etat=EtatDossier.INSTRUIT)
    dossier.refresh_from_db()
    with pytest.raises(ValidationError, match="seul un dossier retenu"):
        convention_create(dossiers=[dossier], by=instructeur)


def test_the_pdf_shows_the_voted_amounts_and_their_total(dossier, instructeur):
    convention = convention_create(dossiers=[dossier], by=instructeur)
    texte = pdf_texte(convention_pdf(convention=convention), f"convention-{convention.numero}")
    assert convention.numero in texte and dossier.numero in texte
    assert montants(ligne_de(texte, str(dossier.campagne.annee))) == [VOTE_ETAT]  # the year heads the État row
    assert montants(ligne_de(texte, "Ville")) == [VOTE_VILLE]
    assert montants(ligne_de(texte, f"Total {dossier.campagne.annee}")) == [VOTE_ETAT + VOTE_VILLE]
