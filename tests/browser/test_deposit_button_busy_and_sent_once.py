"""While the deposit is on its way the button says so (« Dépôt en cours… », aria-busy) and a second click sends
nothing: one dépôt, one récépissé."""

import threading
import time

import pytest
from django.core import mail
from playwright.sync_api import expect

from projets.factories import PorteurMembreFactory, dossier_pret_a_deposer
from projets.models import Depot
from projets.views import dossiers as vues_dossiers
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_deposit_button_shows_it_works_and_a_double_click_deposits_once(page, monkeypatch, request):
    dossier = dossier_pret_a_deposer()
    porteuse = PorteurMembreFactory(porteur=dossier.porteur).user
    login(page, porteuse.email, f"/espace-porteur/dossiers/{dossier.pk}/attestation/")

    # The server holds the deposit, as a slow answer would, until the test has looked at the busy button.
    arrivees, liberation = [], threading.Event()
    deposer = vues_dossiers.dossier_submit

    def deposer_lentement(**kwargs):
        arrivees.append(kwargs["dossier"].pk)
        liberation.wait(timeout=30)
        return deposer(**kwargs)

    monkeypatch.setattr(vues_dossiers, "dossier_submit", deposer_lentement)
    request.addfinalizer(liberation.set)  # a failing test must not leave the server's thread holding the database

    expect(page.get_by_role("button", name="Déposer le dossier")).to_be_visible()
    # Clicked twice and read in one script: once the form is on its way, Playwright waits for the navigation
    # before running anything else in the page.
    etat_apres_le_premier_clic = page.eval_on_selector(
        "form[data-envoi-unique] button",
        """b => {
            b.click();
            const etat = [b.textContent, b.getAttribute('aria-busy'), b.getAttribute('aria-disabled')];
            b.click();  // an impatient double click
            return etat;
        }""",
    )
    assert etat_apres_le_premier_clic == ["Dépôt en cours…", "true", "true"]
    time.sleep(0.3)  # a second submission would have reached the server by now

    liberation.set()
    expect(page.locator(".alert-success")).to_contain_text("Votre dossier est déposé")
    assert arrivees == [dossier.pk]
    assert Depot.objects.filter(dossier=dossier).count() == 1
    assert len(mail.outbox) == 1
