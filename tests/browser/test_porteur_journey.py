"""A new association's volunteer, from sign-up to the récépissé, in Chromium, checking accessibility on each page."""

import re
import shutil
import subprocess

import pytest
from django.core import mail

from projets.enums import EtatDossier
from projets.factories import PDF_MINIMAL, CampagneFactory
from projets.models import Dossier
from tests.browser.conftest import ARTIFACTS, assert_accessible, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check(page, name):
    assert_accessible(page)
    screenshot(page, f"parcours-{name}")


def wait_saved(page):
    page.get_by_role("status").filter(has_text=re.compile(r"Enregistré à")).wait_for()


def test_a_new_porteur_goes_from_sign_up_to_the_receipt(page, referentiel, tmp_path):
    CampagneFactory(contrat=referentiel, annee=2031, libelle="Appel à projets 2031")

    # Sign up and confirm the address.
    page.goto("/compte/inscription/")
    page.get_by_label("Prénom").fill("Camille")
    page.locator("#id_last_name").fill("Martin")
    page.get_by_label("Adresse électronique").fill("camille@jardins.example")
    page.locator("#id_password1").fill("un jardin au pied des tours")
    page.get_by_label("Confirmation du mot de passe").fill("un jardin au pied des tours")
    check(page, "01-inscription")
    page.get_by_role("button", name="Créer mon compte").click()
    check(page, "02-inscription-envoyee")
    link = re.search(r"https?://[^/\s]+(/compte/confirmer/\S+)", mail.outbox[-1].body).group(1)
    page.goto(link)
    page.get_by_role("heading", name="Espace porteuses et porteurs").wait_for()
    check(page, "03-espace")

    # The organisation, once, with a valid SIRET typed with spaces.
    page.get_by_role("link", name="Présenter ma structure").click()
    page.get_by_label("Raison sociale").fill("Les Jardins partagés de Kennedy")
    page.get_by_label("SIRET").fill("443 061 841 00047")
    page.get_by_label("Nombre de bénévoles").fill("12")
    check(page, "04-structure")
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_text("est enregistrée").wait_for()

    # A dossier, step by step.
    page.get_by_role("link", name="Nouveau dossier").click()
    page.get_by_label("Intitulé de l'action").fill("Jardin partagé au pied des immeubles")
    page.get_by_role("button", name="Commencer le dossier").click()
    page.get_by_label("Objectifs de l'action").fill("Créer du lien entre voisines et voisins.")
    page.get_by_label("Description").fill("Des parcelles cultivées ensemble, deux ateliers par semaine.")
    page.get_by_label("Début de l'action").fill("01/03/2031")
    page.get_by_label("Fin de l'action").fill("30/11/2031")
    page.get_by_label("Méthode d'évaluation et indicateurs").fill("Nombre de jardinières et jardiniers.")
    wait_saved(page)
    check(page, "05-action")
    # Typed, then the page reloaded before the autosave: the local copy brings it back and saves it.
    page.get_by_label("Lieux de réalisation").fill("Square Kennedy")
    page.reload()
    assert page.get_by_label("Lieux de réalisation").input_value() == "Square Kennedy"
    assert page.get_by_label("Objectifs de l'action").input_value() == "Créer du lien entre voisines et voisins."
    wait_saved(page)
    page.reload()
    assert page.get_by_label("Lieux de réalisation").input_value() == "Square Kennedy"
    page.get_by_role("button", name="Enregistrer et continuer").click()

    page.get_by_label("Public cible").fill("Familles du quartier Kennedy")
    page.get_by_label("Nombre de personnes visées").fill("40")
    page.get_by_label("Quartiers Nord").check()
    check(page, "06-public")
    page.get_by_role("button", name="Enregistrer et continuer").click()

    page.get_by_label(re.compile(r"^5\.3 ")).check()
    check(page, "07-orientations")
    page.get_by_role("button", name="Enregistrer et continuer").click()

    for numero in (1, 2, 3):
        page.locator(f"input[name='q{numero}'][value='femmes']").check()
    for numero in (4, 5):
        page.locator(f"input[name='q{numero}'][value='oui']").check()
    check(page, "08-egalite")
    page.get_by_role("button", name="Enregistrer et continuer").click()

    # Unbalanced first: the live total says what is missing, the server says it too.
    page.get_by_label("64 – Charges de personnel").fill("20 000")
    page.get_by_label("60 – Achats").fill("4 000")
    page.get_by_label("Ville de Blois").fill("10 000")
    page.get_by_text("il manque 14 000,00 € de produits").wait_for()
    check(page, "09-budget-desequilibre")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    assert "à compléter" in page.locator("nav[aria-label='Étapes du dossier']").inner_text()
    # Balanced with three financeurs.
    page.get_by_label("Ville de Blois").fill("8 000")
    page.get_by_label("État").fill("9 000")
    page.get_by_label("Terres de Loire Habitat").fill("5 000")
    page.get_by_label(re.compile(r"^75 – Autres produits")).fill("2 000")
    page.get_by_text("Budget équilibré.").wait_for()
    check(page, "10-budget-equilibre")
    page.get_by_role("button", name="Enregistrer et continuer").click()

    # The statuts, from the organisation's documents page, then back.
    statuts = tmp_path / "statuts.pdf"
    statuts.write_bytes(PDF_MINIMAL)
    page.get_by_role("link", name="Ajouter ou remplacer un document de la structure").click()
    page.locator("#id_type").select_option("statuts")
    page.get_by_label("Date du document").fill("2019-06-15")
    page.get_by_label("Fichier").set_input_files(str(statuts))
    page.get_by_role("button", name="Déposer le document").click()
    page.get_by_text("Document enregistré").wait_for()
    check(page, "11-documents")
    dossier = Dossier.objects.get()
    page.goto(f"/espace-porteur/dossiers/{dossier.pk}/pieces/")
    check(page, "12-pieces")
    page.get_by_role("link", name=re.compile("Continuer : Attestation")).click()

    page.get_by_label("Nom de la personne signataire").fill("Camille Martin")
    page.get_by_label("Qualité de la personne signataire").fill("Présidente")
    page.get_by_label("Montant total de la subvention demandée (en euros)").fill("22 000")
    page.get_by_label(re.compile("Je déclare sur l'honneur")).check()
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    check(page, "13-attestation")
    page.get_by_role("button", name="Déposer le dossier").click()
    page.get_by_text("Votre dossier est déposé").wait_for()
    check(page, "14-depose")

    dossier.refresh_from_db()
    assert dossier.etat == EtatDossier.DEPOSE and dossier.numero == "CV-2031-0001"
    assert dossier.lignes_financement.count() == 3
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Récépissé")).click()
    pdf = ARTIFACTS / "parcours-recepisse.pdf"
    download.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
        assert "CV-2031-0001" in text and "22 000,00 €" in text and "statuts.pdf" in text
        subprocess.run(["pdftoppm", "-png", "-r", "70", str(pdf), str(ARTIFACTS / "parcours-recepisse")], check=True)
