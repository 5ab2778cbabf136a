"""« Enregistrer et continuer » on an unbalanced budget: the porteur stays on the step, told next to the totals that
it is saved but not complete and why; the steps list marks it until the budget is balanced."""

import pytest
from playwright.sync_api import expect

from projets.factories import CampagneFactory, DossierFactory, FinanceurFactory, PorteurMembreFactory
from tests.browser.conftest import assert_accessible, login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_unbalanced_budget_keeps_the_porteur_on_the_step_and_says_why(page):
    FinanceurFactory(nom="Ville")
    membre = PorteurMembreFactory(user__email="tresoriere@asso.example")
    dossier = DossierFactory(porteur=membre.porteur, campagne=CampagneFactory())
    step = f"/espace-porteur/dossiers/{dossier.pk}/budget/"
    login(page, membre.user.email, step)
    etapes = page.get_by_role("navigation", name="Étapes du dossier")

    page.get_by_label("64 – Charges de personnel").fill("12 000")
    page.get_by_label("Ville").fill("11 500")
    page.get_by_role("button", name="Enregistrer et continuer").click()
    page.wait_for_url(f"**{step}?enregistree=1")
    manques = page.locator("#manques-etape")
    expect(manques).to_contain_text("Étape enregistrée, mais pas complète")
    expect(manques).to_contain_text("Le budget n'est pas équilibré : les charges (12\u202f000,00\u00a0€) dépassent")
    expect(etapes.get_by_role("listitem").filter(has_text="Budget prévisionnel")).to_contain_text("à compléter")
    expect(page.get_by_role("link", name="Continuer sans compléter : Pièces →")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "budget-enregistre-desequilibre")

    page.get_by_label("Ville").fill("12 000")
    expect(manques).to_be_hidden()  # the autosave says the step is now complete
    page.get_by_role("button", name="Enregistrer et continuer").click()
    page.wait_for_url(f"**/espace-porteur/dossiers/{dossier.pk}/pieces/")
    expect(etapes.get_by_role("listitem").filter(has_text="Budget prévisionnel")).to_contain_text("complète")
