"""The suivi in a browser: the porteur fills its bilan (indicators included) with mistakes, sees each error next
to its field with what it typed kept; the service's dashboard, indicators, action and COPIL pages. No serious or
critical axe violation; screenshots under tests/artifacts/."""

from decimal import Decimal

import pytest

from suivi.services.indicateurs import indicateur_create, valeur_record
from tests.browser.conftest import assert_accessible, login, screenshot
from tests.helpers.suivi import dossier_en_cours
from tests.helpers.suivi_annee import ANNEE, annee_suivie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_porteur_fills_its_bilan_with_a_mistake(page, membre_copil, instructeur, porteur_a):
    dossier = dossier_en_cours(membre_copil=membre_copil, instructeur=instructeur, porteuse=porteur_a)
    seances = indicateur_create(libelle="Séances réalisées", unite="séances", dossier=dossier, by=instructeur)
    valeur_record(indicateur=seances, annee=dossier.campagne.annee, valeur=None, cible=Decimal("30"), by=instructeur)
    url = f"/espace-porteur/suivi/dossiers/{dossier.pk}/bilan/"
    login(page, porteur_a.email, url)
    page.get_by_role("heading", name="Bilan de l'action").wait_for()
    assert_accessible(page)

    page.get_by_label("Ce qui a été réalisé").fill("Vingt-quatre ateliers d'écriture.")
    page.locator("#id_public_femmes").fill("vingt")
    page.locator("#id_public_hommes").fill("12")
    page.locator(f"#id_indicateur_{seances.pk}").fill("une trentaine")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    page.get_by_text("Certains champs sont à corriger").wait_for()

    femmes = page.locator("#id_public_femmes")
    assert femmes.input_value() == "vingt" and femmes.get_attribute("aria-invalid") == "true"
    assert (
        "Saisissez un nombre entier de personnes"
        in page.locator("#id_public_femmes + .invalid-feedback, #error_1_id_public_femmes").first.inner_text()
    )
    indicateur = page.locator(f"#id_indicateur_{seances.pk}")
    assert indicateur.input_value() == "une trentaine"
    assert page.get_by_text("Saisissez un nombre, par exemple 12 ou 12,5.").is_visible()
    assert page.get_by_label("Ce qui a été réalisé").input_value() == "Vingt-quatre ateliers d'écriture."
    assert page.locator("#id_public_hommes").input_value() == "12"
    assert_accessible(page)
    screenshot(page, "suivi-bilan-erreurs")


def test_the_service_pages_of_the_suivi(page, instructeur, membre_copil, porteur_a):
    annee = annee_suivie()
    dossier = dossier_en_cours(membre_copil=membre_copil, instructeur=instructeur, porteuse=porteur_a)
    login(page, instructeur.email, f"/suivi/?annee={ANNEE}")
    page.get_by_role("heading", name=f"Suivi des actions {ANNEE}").wait_for()
    assert_accessible(page)
    screenshot(page, "suivi-tableau-de-bord")
    page.get_by_text("Tableau des données : montants votés par enjeu").click()
    page.get_by_role("table", name="Montants votés par enjeu : actions et montants votés").wait_for()

    for url, titre, nom in [
        (f"/suivi/indicateurs/?annee={ANNEE}", f"Indicateurs {ANNEE}", "suivi-indicateurs"),
        (f"/suivi/actions/{dossier.pk}/", "Suivi de l'action", "suivi-action"),
        ("/suivi/bilans/copil/", "Bilans validés présentés au comité de pilotage", "suivi-bilans-copil"),
    ]:
        page.goto(url)
        page.get_by_role("heading", name=titre).first.wait_for()
        assert_accessible(page)
        screenshot(page, nom)
    assert annee.dossiers
