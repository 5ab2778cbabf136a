"""The programmation PDF says what the database holds: per financeur, per nature and in total."""

from decimal import Decimal

import pytest
from django.db.models import Sum

from projets.enums import NatureFinancement
from projets.models import LigneFinancement
from projets.selectors_programmation import ETATS_EXAMINES, programmation_campagne
from projets.services.documents import programmation_pdf
from tests.helpers.copil_clos import copil_clos
from tests.helpers.pdf import ligne_de, montants, pdf_texte

pytestmark = pytest.mark.django_db


def _sommes_en_base(campagne):
    lignes = LigneFinancement.objects.filter(dossier__campagne=campagne, dossier__etat__in=ETATS_EXAMINES)
    par_financeur = {
        row["financeur__nom"]: (row["demande"], row["propose"], row["vote"] or Decimal("0"))
        for row in lignes.values("financeur__nom").annotate(
            demande=Sum("montant_demande"), propose=Sum("montant_propose"), vote=Sum("montant_vote")
        )
    }
    total = lignes.aggregate(demande=Sum("montant_demande"), propose=Sum("montant_propose"), vote=Sum("montant_vote"))
    return par_financeur, (total["demande"], total["propose"], total["vote"])


def test_the_figures_read_in_the_pdf_are_the_database_sums():
    copil = copil_clos()
    texte = pdf_texte(programmation_pdf(campagne=copil.campagne), "programmation")

    par_financeur, total = _sommes_en_base(copil.campagne)
    assert len(par_financeur) == 3
    for financeur, sommes in par_financeur.items():
        assert tuple(montants(ligne_de(texte, financeur))) == sommes, financeur
    assert tuple(montants(ligne_de(texte, "Total général"))) == total == (
        Decimal("29000.00"), Decimal("20000.00"), Decimal("17300.00")
    )  # fmt: skip


def test_tfpb_is_a_nature_of_its_own_with_its_subtotal():
    copil = copil_clos()
    programmation = programmation_campagne(campagne=copil.campagne)

    natures = {groupe.nature: groupe for groupe in programmation.par_nature}
    assert list(natures) == [
        NatureFinancement.CREDITS_SPECIFIQUES,
        NatureFinancement.DROIT_COMMUN,
        NatureFinancement.ABATTEMENT_TFPB,
    ]
    assert natures[NatureFinancement.CREDITS_SPECIFIQUES].total.vote == Decimal("11500.00")
    assert natures[NatureFinancement.DROIT_COMMUN].total.vote == Decimal("4000.00")
    assert natures[NatureFinancement.ABATTEMENT_TFPB].total.vote == Decimal("1800.00")
    texte = pdf_texte(programmation_pdf(campagne=copil.campagne), "programmation-natures", images=False)
    assert montants(ligne_de(texte, "Sous-total abattement TFPB"))[-1] == Decimal("1800.00")


def test_headline_figures_count_dossiers_porteurs_and_amounts():
    copil = copil_clos()
    texte = pdf_texte(programmation_pdf(campagne=copil.campagne), "programmation-couverture", images=False)
    couverture = texte.split("\f")[0]

    assert "Dont 2 retenus, 1 non retenu et 1 en attente de décision ou ajourné." in couverture
    assert "structures porteuses" in couverture
    assert "29 000,00 €" in couverture and "17 300,00 €" in couverture
    assert "arrêtée par le comité de pilotage du 12/03/2031" in couverture
