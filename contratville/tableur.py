"""The tabular files the project writes: CSV for French spreadsheets, XLSX and ODS (tablib).

A row is a dict read by column name, never by position. Every text cell goes through `neutraliser` (OWASP CSV
injection rule): a spreadsheet takes a cell starting with = + - @, a tab or a carriage return for a formula, so such
text gets a leading quote. Numbers and dates are not text: they stay typed (numbers in XLSX/ODS, comma decimals in
the CSV), a negative amount included.
"""

import csv
import datetime
from collections.abc import Iterable, Iterator
from decimal import Decimal

import tablib

DEBUTS_DE_FORMULE = ("=", "+", "-", "@", "\t", "\r")
TYPES_NON_TEXTE = (int, float, Decimal, datetime.date)  # bool is an int, datetime a date
BOM = "\ufeff"  # French spreadsheets read the CSV as UTF-8 only with it


def neutraliser(texte: str) -> str:
    """The text as a spreadsheet shows it, never as a formula; a first-character check, cheap on every cell."""
    return "'" + texte if texte.startswith(DEBUTS_DE_FORMULE) else texte


def cellule(valeur):
    """A value as a cell: numbers, dates and None as they are, anything else as neutralised text."""
    if valeur is None or isinstance(valeur, TYPES_NON_TEXTE):
        return valeur
    return neutraliser(str(valeur))


def tableau(colonnes: list[str], lignes: Iterable[dict], *, titre: str = "") -> tablib.Dataset:
    """A tablib Dataset of neutralised cells, for XLSX and ODS. Dates must be naive (local): XLSX has no zones."""
    donnees = tablib.Dataset(headers=[cellule(colonne) for colonne in colonnes], title=titre)
    for ligne in lignes:
        donnees.append([cellule(ligne[colonne]) for colonne in colonnes])
    return donnees


def en_xlsx(donnees: tablib.Dataset) -> bytes:
    return donnees.export("xlsx")


def en_ods(donnees: tablib.Dataset) -> bytes:
    return donnees.export("ods")


def _texte_csv(valeur) -> str:
    valeur = cellule(valeur)
    if valeur is None:
        return ""
    if isinstance(valeur, Decimal):  # amounts, in cents
        return f"{valeur:.2f}".replace(".", ",")
    if isinstance(valeur, float):
        return str(valeur).replace(".", ",")
    if isinstance(valeur, datetime.date):
        return f"{valeur:%d/%m/%Y}"
    return str(valeur)


class _Tampon:
    """csv.writer writes into this and hands the line over at once (Django's streaming CSV recipe)."""

    def write(self, valeur):
        return valeur


def csv_en_flux(colonnes: list[str], lignes: Iterable[dict]) -> Iterator[str]:
    """The French CSV (« ; », comma decimals, dates JJ/MM/AAAA, BOM) line by line: memory stays flat."""
    ecrivain = csv.writer(_Tampon(), delimiter=";", lineterminator="\r\n")
    yield BOM
    yield ecrivain.writerow([_texte_csv(colonne) for colonne in colonnes])
    for ligne in lignes:
        yield ecrivain.writerow([_texte_csv(ligne[colonne]) for colonne in colonnes])


def en_csv(colonnes: list[str], lignes: Iterable[dict]) -> bytes:
    return "".join(csv_en_flux(colonnes, lignes)).encode("utf-8")
