"""Each demo persona logs in without `next` and lands on its own home; the site's navigation shows what that role
uses and stays on one line at 1280 px (measured: every item on the same row, the navbar as high as a visitor's)."""

import io

import pytest
from django.conf import settings
from django.core.management import call_command

from conseil_citoyen.models import ConseilCitoyen
from projets.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, demo_create_accounts
from tests.browser.conftest import assert_accessible, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Where each demo account lands, and a page of the site (with its navigation) it uses.
HOMES = {
    "porteuse@demo.contratville.fr": ("/espace-porteur/", "/espace-porteur/"),
    "instructrice@demo.contratville.fr": ("/instruction/", "/instruction/"),
    "delegue.prefet@demo.contratville.fr": ("/instruction/", "/instruction/"),
    "elu.copil@demo.contratville.fr": ("/admin/projets/seance/", "/instruction/"),
    "conseil.citoyen@demo.contratville.fr": ("/conseils-citoyens/{conseil}/", "/conseils-citoyens/{conseil}/"),
    "admin@demo.contratville.fr": ("/suivi/", "/suivi/"),
}


def navbar(page):
    """Height of the navbar and the vertical spread of its items (0 when they share one row)."""
    return page.evaluate(
        """() => {
          const nav = document.querySelector("header nav.navbar");
          const items = nav.querySelectorAll(".navbar-brand, .nav-link, .navbar-text, button:not(.navbar-toggler)");
          const tops = Array.from(items).map((el) => el.getBoundingClientRect());
          const centres = tops.map((r) => r.top + r.height / 2);
          return {hauteur: nav.getBoundingClientRect().height, ecart: Math.max(...centres) - Math.min(...centres)};
        }"""
    )


def test_each_demo_persona_lands_on_its_home_with_a_one_line_navigation(page):
    call_command("load_referentiel", settings.BASE_DIR / "enjeux/referentiels/blois.yaml", stdout=io.StringIO())
    demo_create_accounts()
    conseil = ConseilCitoyen.objects.get().pk
    page.goto("/")
    visiteur = navbar(page)
    assert visiteur["ecart"] < 20  # a second row would be 40 px lower
    for account in DEMO_ACCOUNTS:
        home, site_page = (url.format(conseil=conseil) for url in HOMES[account.email])
        page.context.clear_cookies()
        page.goto("/compte/connexion/")
        page.get_by_label("Adresse électronique").fill(account.email)
        page.locator("#id_password").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Se connecter").click()
        page.wait_for_url(f"**{home}")
        page.goto(site_page)
        mesure = navbar(page)
        nom = account.email.split("@")[0]
        screenshot(page, f"accueil-du-role-{nom}")
        assert mesure["ecart"] < 20, f"{account.role} : navigation sur plusieurs lignes à 1280 px ({mesure})"
        assert abs(mesure["hauteur"] - visiteur["hauteur"]) < 2, f"{account.role} : {mesure} / visiteur {visiteur}"
        assert_accessible(page)
