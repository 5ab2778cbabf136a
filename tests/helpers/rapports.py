"""Generate a suivi report the way the staff page does (launch, then the worker's task), and read it back."""

import csv
import io

from openpyxl import load_workbook

from projets.enums import StatutTravail
from suivi.services.rapports import rapport_launch


def generer(*, type, format, contrat, annee, par, capture):
    """Launch the report and run its task (eager Celery) on commit; the stored file's bytes."""
    with capture(execute=True):
        rapport = rapport_launch(type=type, format=format, contrat=contrat, annee=annee, by=par)
    rapport.refresh_from_db()
    assert rapport.statut == StatutTravail.REUSSI, rapport.erreur
    with rapport.fichier.open("rb") as fichier:
        return fichier.read()


def feuille(contenu: bytes, nom: str) -> list[list]:
    """The rows of a sheet of an XLSX, as values."""
    classeur = load_workbook(io.BytesIO(contenu), read_only=True)
    return [list(ligne) for ligne in classeur[nom].iter_rows(values_only=True)]


def ligne_xlsx(lignes: list[list], debut: str) -> list:
    for ligne in lignes:
        if ligne and ligne[0] == debut:
            return ligne
    raise AssertionError(f"Aucune ligne « {debut} » : {lignes}")


def csv_lignes(contenu: bytes) -> list[dict]:
    texte = contenu.decode("utf-8")
    assert texte.startswith("\ufeff")  # French spreadsheets need the BOM to read UTF-8
    return list(csv.DictReader(io.StringIO(texte[1:]), delimiter=";"))
