"""Staff pages at 1280 px: the instruction queue shows its « Demandé » column whole, the COPIL grid's
over-enveloppe warning spans the totals table, and no page asks for a favicon it does not get."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from comptes.factories import UserFactory
from projets.enums import EtatDossier
from projets.factories import CampagneFactory, DossierFactory, FinanceurFactory, LigneFinancementFactory
from tests.browser.conftest import assert_accessible, login, screenshot
from tests.helpers.copil import seance_copil

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FINANCEURS = [
    "Agence nationale de la cohésion des territoires",
    "Caisse d'allocations familiales de Loir-et-Cher",
    "Conseil départemental de Loir-et-Cher",
    "Terres de Loire Habitat",
]


def test_the_instruction_queue_shows_the_requested_amount_whole_at_1280(page, instructeur):
    campagne = CampagneFactory(libelle="Appel à projets 2031")
    financeurs = [FinanceurFactory(nom=nom) for nom in FINANCEURS]
    # A référent without a name shows as an address: one long word (the demo's accounts are such).
    referent = UserFactory(email="instructrice.referente@demo.contratville.fr", first_name="", last_name="")
    for rang in range(1, 6):
        dossier = DossierFactory(
            campagne=campagne,
            etat=EtatDossier.EN_INSTRUCTION,
            referent=referent,
            numero=f"CV-2031-{rang:04d}",
            intitule="Accompagnement vers l'emploi des femmes éloignées du marché du travail",
            porteur__raison_sociale="Association intercommunale d'insertion par l'activité économique",
        )
        for financeur in financeurs:
            LigneFinancementFactory(dossier=dossier, financeur=financeur, montant_demande=Decimal("125000"))
    login(page, instructeur.email, f"/instruction/campagnes/{campagne.pk}/")
    dossiers = page.get_by_role("table", name="Dossiers de la campagne")
    table = page.locator(".table-responsive").filter(has=dossiers)
    assert table.evaluate("el => el.scrollWidth <= el.clientWidth"), "le tableau déborde : « Demandé » est coupé"
    demande = dossiers.get_by_role("columnheader", name="Demandé").bounding_box()
    assert demande["x"] + demande["width"] <= table.bounding_box()["x"] + table.bounding_box()["width"] + 1
    expect(dossiers.locator("tbody tr").first.locator("td").last).to_have_text("500\u202f000,00\u00a0€")
    assert_accessible(page)
    screenshot(page, "instruction-file-1280")


def test_the_over_enveloppe_warning_spans_the_copil_totals(page, membre_copil, administrateur):
    scenario = seance_copil(secretaire=administrateur, dossiers=1, enveloppe="5000")
    login(page, membre_copil.email, f"/admin/projets/seance/{scenario.seance.pk}/vote/")
    etat = scenario.financeurs[0]
    ligne = page.locator(f"tr.ligne-vote[data-financeur='{etat.pk}']")
    ligne.locator("select").select_option("accorde")
    ligne.locator("input.vote-montant").fill("7 000")
    alerte = page.locator(f"tr[data-alerte='{etat.pk}'] .errornote")
    expect(alerte).to_be_visible()
    largeur_table = page.locator("#totaux").bounding_box()["width"]
    assert alerte.bounding_box()["width"] > 0.8 * largeur_table
    screenshot(page, "copil-vote-enveloppe-depassee")


def test_site_and_admin_pages_have_a_favicon(page, instructeur):
    manquants = []
    page.on("response", lambda r: r.status == 404 and manquants.append(r.url))
    login(page, instructeur.email, "/instruction/")
    for url in ("/", "/instruction/", "/admin/"):
        page.goto(url)
        icone = page.locator("link[rel='icon'][type='image/svg+xml']").get_attribute("href")
        assert page.request.get(icone).status == 200
        assert page.request.get(page.locator("link[rel='icon'][sizes]").get_attribute("href")).status == 200
    assert manquants == []
