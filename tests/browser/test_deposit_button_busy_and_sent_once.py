"""While the deposit is on its way the button says so (« Dépôt en cours… », aria-busy) and a second click sends
nothing: one dépôt, one récépissé."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from projets.factories import PorteurMembreFactory, dossier_pret_a_deposer
from projets.models import Depot
from tests.browser.conftest import login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_deposit_button_shows_it_works_and_a_double_click_deposits_once(page):
    dossier = dossier_pret_a_deposer()
    porteuse = PorteurMembreFactory(porteur=dossier.porteur).user
    login(page, porteuse.email, f"/espace-porteur/dossiers/{dossier.pk}/attestation/")
    envois = []
    # The deposit is held on its way to the server, as a slow answer would: the button is seen busy meanwhile.
    page.route("**/deposer/", lambda route: envois.append(route))

    bouton = page.get_by_role("button", name="Déposer le dossier")
    bouton.click(no_wait_after=True)
    # Read in the page itself: Playwright's locators would wait for the held navigation.
    etat = "b => [b.textContent, b.getAttribute('aria-busy'), b.getAttribute('aria-disabled')]"
    assert page.eval_on_selector("form[data-envoi-unique] button", etat) == ["Dépôt en cours…", "true", "true"]
    screenshot(page, "depot-en-cours")
    page.eval_on_selector("form[data-envoi-unique] button", "b => b.click()")  # an impatient double click
    # A second submission would have left by now (a timer, not a frame: no frame may come while the page navigates).
    page.evaluate("() => new Promise(resolve => setTimeout(resolve, 200))")

    envois[0].continue_()
    expect(page.locator(".alert-success")).to_contain_text("Votre dossier est déposé")
    assert len(envois) == 1
    assert Depot.objects.filter(dossier=dossier).count() == 1
    assert len(mail.outbox) == 1
