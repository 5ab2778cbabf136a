import datetime

import pytest
from playwright.sync_api import expect

from projets.enums import TypeDocument
from projets.factories import PDF_MINIMAL, DocumentPorteurFactory, DossierFactory
from tests.browser.conftest import assert_accessible, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, user):
    page.goto("/compte/connexion/")
    page.get_by_label("Adresse électronique").fill(user.email)
    page.get_by_label("Mot de passe").fill("motdepasse-de-test")
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/espace-porteur/")


def test_the_documents_page_lists_versions_takes_uploads_and_is_accessible(page, porteur_a, tmp_path):
    porteur = porteur_a.porteurs.get()
    DocumentPorteurFactory(porteur=porteur, date_document=datetime.date(2019, 3, 12), nom_original="statuts-2019.pdf")
    DocumentPorteurFactory(porteur=porteur, date_document=datetime.date(2024, 6, 15), nom_original="statuts-2024.pdf")
    DocumentPorteurFactory(
        porteur=porteur, type=TypeDocument.RIB, date_document=datetime.date(2023, 1, 9), nom_original="RIB Crédit.pdf"
    )
    login(page, porteur_a)
    page.get_by_role("link", name="Documents de la structure").click()
    assert page.locator("h1").inner_text() == "Documents de la structure"
    page.get_by_text("1 version").click()  # opens the older versions of the statuts
    assert page.get_by_role("link", name="statuts-2019.pdf").is_visible()

    comptes = tmp_path / "Comptes approuvés 2024.pdf"
    comptes.write_bytes(PDF_MINIMAL)
    page.get_by_role("link", name="Déposer : Derniers comptes approuvés").click()
    assert page.get_by_label("Type de document").input_value() == "comptes_approuves"
    page.get_by_label("Date du document").fill("20/05/2025")
    page.get_by_label("Fichier").set_input_files(str(comptes))
    page.get_by_role("button", name="Déposer le document").click()
    expect(page.get_by_text("Document enregistré : Derniers comptes approuvés du 20/05/2025")).to_be_visible()
    assert page.get_by_role("link", name="Comptes approuvés 2024.pdf").is_visible()
    assert_accessible(page)
    screenshot(page, "documents-structure")

    programme = tmp_path / "rapport.pdf"
    programme.write_bytes(b"MZ" + b"\x00" * 200)
    page.get_by_label("Type de document").select_option("rapport_activite")
    page.get_by_label("Date du document").fill("20/05/2025")
    page.get_by_label("Fichier").set_input_files(str(programme))
    page.get_by_role("button", name="Déposer le document").click()
    # expect waits for the refused form to come back (is_visible would read the page left behind).
    expect(page.get_by_text("c'est un programme, refusé par sécurité")).to_be_visible()
    expect(page.get_by_label("Type de document")).to_have_value("rapport_activite")
    assert_accessible(page)
    screenshot(page, "documents-structure-erreur")


def test_a_refused_attachment_is_explained_on_its_own_page_then_the_porteur_returns_to_the_wizard(
    page, porteur_a, tmp_path
):
    dossier = DossierFactory(porteur=porteur_a.porteurs.get(), intitule="Jardins partagés du quartier")
    login(page, porteur_a)
    page.goto(f"/espace-porteur/dossiers/{dossier.pk}/pieces/")
    programme = tmp_path / "devis.pdf"
    programme.write_bytes(b"\x7fELF" + b"\x00" * 200)
    page.get_by_label("Intitulé de la pièce").fill("Devis du menuisier")
    page.get_by_label("Fichier").set_input_files(str(programme))
    page.get_by_role("button", name="Joindre la pièce").click()
    assert page.locator("h1").inner_text() == "Joindre une pièce au dossier"
    assert page.get_by_text("Le fichier « devis.pdf » n'est pas un PDF : c'est un programme").is_visible()
    assert page.get_by_label("Intitulé de la pièce").input_value() == "Devis du menuisier"
    assert_accessible(page)
    screenshot(page, "piece-jointe-erreur")

    devis = tmp_path / "Devis menuiserie.pdf"
    devis.write_bytes(PDF_MINIMAL)
    page.get_by_label("Fichier").set_input_files(str(devis))
    page.get_by_role("button", name="Joindre la pièce").click()
    page.wait_for_url(f"**/espace-porteur/dossiers/{dossier.pk}/pieces/")
    assert page.get_by_text("La pièce « Devis du menuisier » est jointe au dossier.").is_visible()
    assert page.get_by_role("link", name="Devis menuiserie.pdf").is_visible()
