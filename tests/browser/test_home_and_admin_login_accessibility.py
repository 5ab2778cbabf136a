import pytest

from projets.factories import CampagneFactory
from tests.browser.conftest import assert_accessible, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_page_is_accessible_and_links_to_public_list_and_porteur_space(page, referentiel):
    CampagneFactory(contrat=referentiel, annee=2031)
    page.goto("/")
    assert page.locator("h1").count() == 1
    assert page.get_attribute("html", "lang") == "fr"
    assert page.get_by_role("link", name="Consulter les projets financés").is_visible()
    assert page.get_by_role("link", name="Accéder à l'espace porteuses et porteurs").is_visible()
    assert page.get_by_text("appel à projets 2031 est ouvert jusqu").is_visible()
    assert_accessible(page)
    screenshot(page, "accueil")


def test_skip_link_is_the_first_focusable_element_and_reaches_main(page, referentiel):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Aller au contenu"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#contenu"


def test_admin_login_is_accessible(page):
    page.goto("/admin/login/")
    assert page.get_by_label("Adresse électronique").is_visible()
    assert_accessible(page)
    screenshot(page, "admin-connexion")


def test_login_page_is_accessible_and_french(page, porteur_a):
    page.goto("/compte/connexion/")
    page.get_by_label("Adresse électronique").fill(porteur_a.email)
    page.get_by_label("Mot de passe").fill("mauvais mot de passe")
    page.get_by_role("button", name="Se connecter").click()
    assert page.get_by_text("Adresse électronique ou mot de passe incorrect").is_visible()
    assert page.get_by_label("Adresse électronique").input_value() == porteur_a.email
    assert_accessible(page)
    screenshot(page, "connexion-erreur")
