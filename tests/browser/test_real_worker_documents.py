"""The asynchronous documents in a browser against a real Celery worker on Redis, never eager mode: the page that
follows a job moves by itself while the worker renders, and the file it offers opens. Eager tasks finish before
the page renders, which once hid a progress bar that never refreshed (issue 18).

Covered: the COPIL's programmation, procès-verbal and decision letters (admin, the job's page), the récépissé of a
deposit (porteur's space), a suivi report (staff page reloading itself). The past years' import runs inside its
request: nothing asynchronous to follow there."""

import functools
import re

import pytest
from playwright.sync_api import expect

from contratville.celery import app as celery_app
from projets.enums import StatutTravail
from projets.factories import PorteurMembreFactory, dossier_pret_a_deposer
from projets.models import Depot, Travail
from suivi.models import Rapport
from tests.browser.conftest import assert_accessible, login, screenshot
from tests.helpers.chaos import attendre
from tests.helpers.copil_clos import copil_clos
from tests.helpers.pdf import pdf_texte
from tests.helpers.suivi_annee import ANNEE, annee_suivie

pytestmark = [pytest.mark.browser, pytest.mark.worker, pytest.mark.django_db(transaction=True)]

ATTENTE_MS = 90_000  # a worker's first WeasyPrint render loads its fonts: seconds on a busy CI machine


@pytest.fixture
def worker(worker_queue, monkeypatch):
    """The site sends its tasks to the worker started for this test (its own queue: tests in parallel never take
    each other's tasks)."""
    monkeypatch.setattr(celery_app, "send_task", functools.partial(celery_app.send_task, queue=worker_queue))
    return worker_queue


def _telecharger_pdf(page, lien, nom) -> str:
    with page.expect_download() as telechargement:
        lien.click()
    contenu = telechargement.value.path().read_bytes()
    return " ".join(pdf_texte(contenu, nom).split())


def test_copil_documents_follow_the_worker_without_reloading_by_hand(page, worker, administrateur):
    scenario = copil_clos()
    login(page, administrateur.email, f"/admin/projets/seance/{scenario.seance.pk}/change/")

    for bouton, attendu in [
        ("Générer : Procès-verbal de séance (PDF)", "Procès-verbal"),
        ("Générer : Programmation (PDF)", "Programmation"),
        ("Générer et envoyer les lettres de décision", "Lettres"),
    ]:
        page.goto(f"/admin/projets/seance/{scenario.seance.pk}/change/")
        page.get_by_role("button", name=bouton).click()
        # The job's page, as the worker leaves it queued: travail.js polls and reloads it once the job is over.
        expect(page.locator("[data-travail-texte]")).to_contain_text("Terminé", timeout=ATTENTE_MS)
        expect(page.locator("progress")).to_have_attribute("value", "100")
        assert_accessible(page)
        screenshot(page, f"vrai-worker-{attendu.lower()}")
        if attendu != "Lettres":
            texte = _telecharger_pdf(page, page.get_by_role("link", name=re.compile("^Télécharger")), attendu)
            assert any(dossier.intitule[:25] in texte for dossier in scenario.dossiers.values()), texte[:300]

    assert Travail.objects.filter(statut=StatutTravail.REUSSI).count() == 3


def test_the_recepisse_is_rendered_by_the_worker_after_the_deposit(page, worker):
    dossier = dossier_pret_a_deposer()
    porteuse = PorteurMembreFactory(porteur=dossier.porteur).user
    login(page, porteuse.email, f"/espace-porteur/dossiers/{dossier.pk}/attestation/")

    page.get_by_role("button", name="Déposer le dossier").click()
    expect(page.locator(".alert-success")).to_contain_text("Votre dossier est déposé")
    # The worker renders it meanwhile, in its own process.
    attendre(
        lambda: Depot.objects.get(dossier=dossier).recepisse, delai=ATTENTE_MS / 1000, pas=0.5, quoi="le récépissé"
    )

    dossier.refresh_from_db()
    page.reload()
    texte = _telecharger_pdf(page, page.get_by_role("link", name=f"Récépissé {dossier.numero}"), "recepisse")
    assert dossier.numero in texte


def test_a_suivi_report_page_reloads_itself_until_the_worker_is_done(page, worker, instructeur):
    annee_suivie()
    login(page, instructeur.email, "/suivi/rapports/")
    page.get_by_label("Rapport", exact=True).select_option(label="Bilan annuel pour le COPIL")
    page.get_by_label("PDF").check()
    page.get_by_label("Année de programmation").select_option(str(ANNEE))
    page.get_by_role("button", name="Produire").click()
    expect(page.locator("[data-actualiser]")).to_be_visible()
    screenshot(page, "vrai-worker-rapport-en-cours")

    lien = page.get_by_role("link", name=re.compile("^Télécharger"))
    expect(lien).to_be_visible(timeout=ATTENTE_MS)  # no reload by hand: actualiser.js reloads the list
    expect(page.locator("[data-actualiser]")).to_have_count(0)
    assert_accessible(page)
    screenshot(page, "vrai-worker-rapport-pret")
    texte = _telecharger_pdf(page, lien.first, "rapport")
    assert str(ANNEE) in texte
    assert Rapport.objects.get().statut == StatutTravail.REUSSI
