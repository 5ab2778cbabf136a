"""Each report of the suivi says what the database holds: the totals read back from the XLSX (openpyxl), the PDF
(pdftotext) and the CSV are the database sums of the year's funded actions, nothing of another year or refused."""

from decimal import Decimal

import pytest
from django.db.models import Sum
from django.utils import timezone

from projets.enums import ETATS_FINANCES, NatureFinancement
from projets.models import LigneFinancement
from suivi.enums import FormatRapport, TypeRapport
from suivi.models import EngagementAnnuel, Versement
from tests.helpers.pdf import ligne_de, montants, pdf_texte
from tests.helpers.rapports import csv_lignes, feuille, generer, ligne_xlsx
from tests.helpers.suivi_annee import ANNEE, annee_suivie

pytestmark = pytest.mark.django_db


@pytest.fixture
def annee():
    return annee_suivie()


@pytest.fixture
def produire(annee, instructeur, django_capture_on_commit_callbacks):
    def produire(type, format):
        return generer(type=type, format=format, contrat=annee.contrat, annee=ANNEE, par=instructeur,
                       capture=django_capture_on_commit_callbacks)  # fmt: skip

    return produire


def _lignes():
    return LigneFinancement.objects.filter(dossier__campagne__annee=ANNEE, dossier__etat__in=ETATS_FINANCES)


def _base():
    """Demandé, voté, versé of the year's funded actions, per nature and in total."""
    lignes = _lignes()
    verses = Versement.objects.filter(ligne__in=lignes)
    total = lignes.aggregate(d=Sum("montant_demande"), v=Sum("montant_vote"))
    par_nature = {
        n: (
            lignes.filter(nature=n).aggregate(s=Sum("montant_demande"))["s"],
            lignes.filter(nature=n).aggregate(s=Sum("montant_vote"))["s"],
            verses.filter(ligne__nature=n).aggregate(s=Sum("montant_verse"))["s"] or Decimal("0"),
        )
        for n in NatureFinancement.values
    }
    return (total["d"], total["v"], verses.aggregate(s=Sum("montant_verse"))["s"]), par_nature


def test_etat_annexe_pdf_totals_are_the_database_sums(produire):
    texte = pdf_texte(produire(TypeRapport.ETAT_ANNEXE, FormatRapport.PDF), "suivi-etat-annexe")
    total, par_nature = _base()
    assert tuple(montants(ligne_de(texte, "Total général"))) == total == (
        Decimal("24200.00"), Decimal("20500.00"), Decimal("14400.00")
    )  # fmt: skip
    assert tuple(montants(ligne_de(texte, "Sous-total Crédits spécifiques"))) == par_nature["credits_specifiques"]
    assert tuple(montants(ligne_de(texte, "Sous-total Droit commun"))) == par_nature["droit_commun"]
    assert tuple(montants(ligne_de(texte, "Sous-total Abattement TFPB"))) == par_nature["abattement_tfpb"]
    assert "Page 1 sur" in texte and f"CV-{ANNEE}-0005" not in texte and f"CV-{ANNEE - 1}-0001" not in texte


def test_etat_annexe_xlsx_totals_are_the_database_sums(produire):
    contenu = produire(TypeRapport.ETAT_ANNEXE, FormatRapport.XLSX)
    total, par_nature = _base()
    assert tuple(Decimal(str(x)) for x in ligne_xlsx(feuille(contenu, "Par financeur"), "Total général")[3:]) == total
    par_action = feuille(contenu, "Par action")
    assert len(par_action) == 1 + 4 + 1  # header, the four funded actions, total
    assert Decimal(str(ligne_xlsx(par_action, "Total")[-1])) == total[1]


def test_bilan_annuel_pdf_and_xlsx_totals_are_the_database_sums(produire):
    texte = pdf_texte(produire(TypeRapport.BILAN_ANNUEL, FormatRapport.PDF), "suivi-bilan-annuel")
    total, _ = _base()
    demande, vote, verse = total
    assert tuple(montants(ligne_de(texte, "Total général"))) == (demande, vote, verse, vote - verse)
    assert tuple(montants(ligne_de(texte, "Total (4 actions)"))) == (vote, verse)
    assert ligne_de(texte, "En retard").split()[-1] == "1"  # the bilans' table: one late
    assert ligne_de(texte, "Sans objet (action annulée)").split()[-1] == "1"
    contenu = produire(TypeRapport.BILAN_ANNUEL, FormatRapport.XLSX)
    ligne = ligne_xlsx(feuille(contenu, "Par financeur"), "Total")
    assert tuple(Decimal(str(x)) for x in ligne[2:5]) == total
    actions = feuille(contenu, "Actions")
    assert ligne_xlsx(actions, f"CV-{ANNEE}-0004")[6] == f"En retard (attendu le 30/09/{ANNEE})"
    publics = dict(feuille(contenu, "Publics")[1:])
    assert publics["Femmes et filles"] == 20 and publics["Bégon"] == 25


def test_tableau_des_objectifs_totals_are_the_database_sums(produire):
    texte = pdf_texte(produire(TypeRapport.OBJECTIFS, FormatRapport.PDF), "suivi-objectifs")
    total, _ = _base()
    assert montants(ligne_de(texte, "Total général"))[-1] == total[1]
    assert "Accompagner 100 jeunes" in texte and "Jeunes accompagnés : 80 / 100 jeunes (80 %)" in texte
    assert montants(ligne_de(texte, "Total voté pour l'objectif 1.2.1"))[-1] == Decimal("11000.00")
    lignes = feuille(produire(TypeRapport.OBJECTIFS, FormatRapport.XLSX), f"Objectifs {ANNEE}")
    assert Decimal(str(ligne_xlsx(lignes, "Total")[9])) == total[1]
    assert sum(Decimal(str(x[9])) for x in lignes[1:-1] if x[9] is not None) == total[1]


def test_actions_csv_has_one_row_per_funded_action_with_the_database_amounts(produire, annee):
    lignes = csv_lignes(produire(TypeRapport.ACTIONS_ETAT, FormatRapport.CSV))
    assert [x["Numéro"] for x in lignes] == [f"CV-{ANNEE}-000{i}" for i in (1, 2, 3, 4)]
    premiere = lignes[0]
    assert premiere["SIRET"] == annee.dossiers["termine"].porteur.siret
    assert premiere["Codes QPV"] == "QP041001" and premiere["Enjeu"].startswith("1.")
    assert (premiere["État – demandé"], premiere["État – voté"], premiere["État – versé"]) == (
        "10000,00", "8000,00", "8000,00"
    )  # fmt: skip
    assert lignes[2]["Statut"] == "Annulé"

    def somme(colonne):
        return sum(Decimal(x[colonne].replace(",", ".")) for x in lignes)

    assert (somme("Total demandé"), somme("Total voté"), somme("Total versé")) == _base()[0]


def test_actions_xlsx_has_the_same_totals(produire):
    lignes = feuille(produire(TypeRapport.ACTIONS_ETAT, FormatRapport.XLSX), f"Actions {ANNEE}")
    assert tuple(sum(Decimal(str(x[i])) for x in lignes[1:]) for i in (-3, -2, -1)) == _base()[0]


def test_conventionnees_total_is_the_year_engagements(produire):
    texte = pdf_texte(produire(TypeRapport.CONVENTIONNEES, FormatRapport.PDF), "suivi-conventionnees")
    engage = EngagementAnnuel.objects.filter(annee=ANNEE).aggregate(s=Sum("montant"))["s"]
    assert montants(ligne_de(texte, f"Total {ANNEE}"))[-1] == engage == Decimal("11000.00")
    lignes = feuille(produire(TypeRapport.CONVENTIONNEES, FormatRapport.XLSX), f"Conventions {ANNEE}")
    assert Decimal(str(ligne_xlsx(lignes, "Total")[-1])) == engage


def test_the_report_is_dated_today_and_the_status_depends_on_the_day(produire):
    texte = pdf_texte(produire(TypeRapport.BILAN_ANNUEL, FormatRapport.PDF), "suivi-bilan-date", images=False)
    assert f"situation au {timezone.localdate():%d/%m/%Y}" in texte
