"""The cookies are lost, then the porteur sends a wizard step: a French page in the site's layout says nothing typed
is lost; logging in again from there says the session expired and brings the step back with what was typed."""

import re

import pytest
from playwright.sync_api import expect

from projets.factories import CampagneFactory, DossierFactory, PorteurMembreFactory
from tests.browser.conftest import assert_accessible, login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_step_sent_after_the_session_was_lost_explains_and_keeps_the_input(page):
    membre = PorteurMembreFactory(user__email="tresoriere@asso.example")
    dossier = DossierFactory(porteur=membre.porteur, campagne=CampagneFactory(), objectifs="")
    step = f"/espace-porteur/dossiers/{dossier.pk}/action/"
    login(page, membre.user.email, step)

    page.context.clear_cookies()
    page.get_by_label("Objectifs de l'action").fill("Rompre l'isolement des personnes âgées.")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.get_by_role("heading", name="Votre formulaire n'a pas été envoyé")).to_be_visible()
    expect(page.get_by_text("Rien de ce que vous avez saisi n'est perdu")).to_be_visible()
    expect(page.get_by_role("navigation", name="Navigation principale")).to_be_visible()
    assert "CSRF" not in page.content()
    assert_accessible(page)
    screenshot(page, "session-perdue-formulaire-refuse")

    page.get_by_role("link", name="Me reconnecter et reprendre").click()
    expect(page.get_by_text("Votre session a expiré, reconnectez-vous")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "session-perdue-connexion")
    page.get_by_label("Adresse électronique").fill(membre.user.email)
    page.locator("#id_password").fill("motdepasse-de-test")
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(f"**{step}")
    assert page.get_by_label("Objectifs de l'action").input_value() == "Rompre l'isolement des personnes âgées."
    page.get_by_role("status").filter(has_text=re.compile("Enregistré à")).wait_for()
    dossier.refresh_from_db()
    assert dossier.objectifs == "Rompre l'isolement des personnes âgées."
