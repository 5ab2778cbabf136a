"""A resident of Kennedy chooses their quartier: the actions for the whole QPV Quartiers Nord are listed and say so,
and the financeur filter of 2021 (amounts not published) says why it offers nothing; axe-clean, screenshots in
tests/artifacts/."""

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


def test_a_kennedy_resident_sees_the_actions_of_the_whole_qpv_labelled(page, demo):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/projets-finances/?annee=2021")
    page.locator("#filtre-quartier").select_option(label="— Kennedy")
    page.locator("#filtres-projets button[type=submit]").click()
    page.wait_for_url(re.compile(r"quartier=\d+"))
    page.wait_for_function("!document.getElementById('resultats').hasAttribute('aria-busy')")
    assert page.locator("#titre-resultats").inner_text().startswith("47 actions")
    premiere = page.locator(".carte-action").first
    assert "pour tout le QPV Quartiers Nord" in premiere.inner_text()

    page.get_by_text("Plus de filtres").click()
    assert page.get_by_text("les montants votés par financeur ne sont pas publiés").is_visible()
    assert_accessible(page)
    screenshot(page, "public-quartier-kennedy")
