"""A resident searches "santé", filters by quartier with the keyboard only, opens a project: at 1280 px and 375 px,
with and without JavaScript, axe-clean, screenshots in tests/artifacts/."""

import io
import re

import pytest
from django.core.management import call_command

from tests.browser.conftest import assert_accessible, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(referentiel, settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())
    settings.DEBUG = False


def tab_to(page, selector: str, limit: int = 60) -> None:
    """Press Tab until `selector` has the focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"{selector} jamais atteint au clavier")


def search_and_filter_with_the_keyboard(page) -> None:
    tab_to(page, "#filtre-q")
    page.keyboard.type("santé")
    tab_to(page, "#filtre-quartier")
    page.keyboard.press("ArrowDown")  # the first quartier: Quartiers Nord
    assert page.locator("#filtre-quartier option:checked").inner_text() == "Quartiers Nord"
    tab_to(page, "#filtres-projets button[type=submit]")
    page.keyboard.press("Enter")


@pytest.mark.parametrize(("largeur", "hauteur"), [(1280, 900), (375, 800)])
def test_a_resident_searches_filters_and_opens_a_project(page, demo, largeur, hauteur):
    page.set_viewport_size({"width": largeur, "height": hauteur})
    erreurs = []
    page.on("pageerror", lambda error: erreurs.append(str(error)))
    page.goto("/projets-finances/?annee=2021")
    assert page.locator("h1").inner_text() == "Les projets financés en 2021"
    assert_accessible(page)
    screenshot(page, f"public-projets-{largeur}")

    search_and_filter_with_the_keyboard(page)
    page.wait_for_url(re.compile(r"q=sant.*quartier=\d+"))
    page.wait_for_function("!document.getElementById('resultats').hasAttribute('aria-busy')")
    titre = page.locator("#titre-resultats").inner_text()
    nombre = int(re.match(r"(\d+)", titre).group(1))
    assert 0 < nombre < 47, titre
    assert page.locator("#annonce-resultats").inner_text().startswith(str(nombre))
    assert "=&" not in page.url  # JavaScript drops the empty filters from the shareable URL
    assert page.locator(".carte-action").count() == min(nombre, 20)
    assert_accessible(page)
    screenshot(page, f"public-recherche-sante-{largeur}")

    premier = page.locator(".carte-action h3 a").first
    intitule = premier.inner_text()
    premier.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/projets-finances/actions/\d+/"))
    assert page.locator("h1").inner_text() == intitule
    assert page.get_by_text("Porté par").is_visible()
    assert_accessible(page)
    screenshot(page, f"public-projet-{largeur}")

    page.locator("main a[href*='/structures/']").first.click()
    page.wait_for_url(re.compile(r"/projets-finances/structures/\d+/"))
    assert page.get_by_role("heading", name="Ses actions financées").is_visible()
    assert_accessible(page)

    page.goto("/projets-finances/repartition/")
    page.get_by_text("Tableau des données : par quartier").click()
    assert page.get_by_role("table").last.is_visible()
    assert_accessible(page)
    screenshot(page, f"public-repartition-{largeur}")
    assert not erreurs


def test_the_filters_work_without_javascript(browser, live_server, demo):
    context = browser.new_context(base_url=live_server.url, locale="fr-FR", java_script_enabled=False,
                                  viewport={"width": 375, "height": 800})  # fmt: skip
    page = context.new_page()
    page.goto("/projets-finances/?annee=2021")
    search_and_filter_with_the_keyboard(page)
    page.wait_for_url(re.compile(r"\?q=sant.*&quartier=\d+"))
    assert re.match(r"\d+ actions?", page.locator("#titre-resultats").inner_text())
    assert page.locator("#filtre-q").input_value() == "santé"
    context.close()


def test_the_call_for_projects_and_legal_pages_are_accessible(page, demo):
    for url in ["/appel-a-projets/", "/mentions-legales/", "/donnees/"]:
        page.goto(url)
        assert page.locator("h1").count() == 1
        assert_accessible(page)
    page.goto("/appel-a-projets/")
    screenshot(page, "public-appel-a-projets")


def test_voted_amounts_figures_and_charts(page, instructeur):
    from projets.services.publication import dossiers_publier
    from tests.helpers.copil_clos import copil_clos

    copil = copil_clos()
    dossiers_publier(campagne=copil.campagne, by=instructeur)
    page.goto("/projets-finances/?annee=2031")
    assert page.locator(".chiffre-cle").nth(1).inner_text() == "17\u00a0300\u00a0€"  # 9 000 + 4 000 + 2 500 + 1 800
    assert page.get_by_role("table", name="Montants votés par financeur").is_visible()
    assert_accessible(page)
    screenshot(page, "public-projets-montants")
    page.goto("/projets-finances/repartition/?annee=2031")
    for resume in page.locator("summary").all():
        resume.click()
    assert_accessible(page)
    screenshot(page, "public-repartition-montants")
