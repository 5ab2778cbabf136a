import pytest

from projets.enums import EtatDossier
from projets.factories import CampagneFactory, DossierFactory, LigneFinancementFactory
from tests.browser.conftest import assert_accessible, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def rows(page):
    return page.get_by_role("table", name="Dossiers de la campagne").locator("tbody tr")


def test_the_queue_is_accessible_and_filters_from_the_keyboard(page, instructeur):
    campagne = CampagneFactory(libelle="Appel à projets 2031")
    for rang, etat in enumerate([EtatDossier.DEPOSE, EtatDossier.DEPOSE, EtatDossier.EN_INSTRUCTION], start=1):
        LigneFinancementFactory(dossier=DossierFactory(campagne=campagne, etat=etat, numero=f"CV-2031-{rang:04d}"))
    page.goto(f"/compte/connexion/?next=/instruction/campagnes/{campagne.pk}/")
    page.get_by_label("Adresse électronique").fill(instructeur.email)
    page.locator("#id_password").fill("motdepasse-de-test")
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_role("heading", name="Instruction – Appel à projets 2031").wait_for()
    assert rows(page).count() == 3
    assert_accessible(page)
    page.get_by_label("État").focus()
    page.get_by_label("État").select_option("en_instruction")
    page.get_by_role("button", name="Filtrer").press("Enter")
    page.wait_for_url("**etat=en_instruction**")
    assert rows(page).count() == 1
    assert_accessible(page)
    screenshot(page, "instruction-file")
