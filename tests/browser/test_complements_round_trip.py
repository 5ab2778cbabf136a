"""The compléments round trip in a browser: the instructrice asks for more on "L'action", the porteuse completes
the objectifs and sends the dossier back, the instructrice reloads and reads what changed."""

import datetime

import pytest
from django.utils import timezone

from projets.enums import EtatDossier
from projets.factories import PorteurMembreFactory, dossier_depose
from tests.browser.conftest import assert_accessible, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOUVEAUX_OBJECTIFS = "Lever les freins à l'emploi et à la mobilité de 30 femmes du quartier."


def login(page, email, next_url):
    page.goto(f"/compte/connexion/?next={next_url}")
    page.get_by_label("Adresse électronique").fill(email)
    page.locator("#id_password").fill("motdepasse-de-test")
    page.get_by_role("button", name="Se connecter").click()


def test_staff_asks_the_porteur_completes_and_staff_reads_the_changes(browser, live_server, page, instructeur):
    porteuse = PorteurMembreFactory(user__email="porteuse@asso.example")
    dossier = dossier_depose(porteur=porteuse.porteur, intitule="Atelier vers l'emploi")
    staff_url = f"/instruction/dossiers/{dossier.pk}/"

    # The instructrice asks for compléments on the action.
    login(page, instructeur.email, staff_url)
    demande = page.get_by_role("form", name="Demander des compléments")
    demande.get_by_label("L'action (description, objectifs, dates, moyens)").check()
    demande.get_by_label("Message à la structure").fill("Précisez combien de femmes l'action accompagne.")
    date_limite = timezone.localdate() + datetime.timedelta(days=10)
    demande.get_by_label("À compléter avant le").fill(date_limite.strftime("%d/%m/%Y"))
    demande.get_by_role("button", name="Envoyer la demande").click()
    page.get_by_text("Compléments demandés : la structure a été prévenue par courriel.").wait_for()
    assert_accessible(page)
    screenshot(page, "complements-1-demande-staff")

    # The porteuse sees the request, completes the only step reopened and sends the dossier back.
    porteur_context = browser.new_context(
        base_url=live_server.url, locale="fr-FR", viewport={"width": 1280, "height": 900}
    )
    porteur = porteur_context.new_page()
    porteur.set_default_timeout(15_000)
    login(porteur, porteuse.user.email, "/espace-porteur/")
    porteur.get_by_role("heading", name="Compléments demandés").wait_for()
    porteur.get_by_text("Précisez combien de femmes l'action accompagne.").wait_for()
    assert_accessible(porteur)
    screenshot(porteur, "complements-2-espace-porteur")
    porteur.get_by_role("link", name="Compléter le dossier « Atelier vers l'emploi »").click()
    porteur.get_by_role("heading", name="Étapes rouvertes").wait_for()
    porteur.get_by_role("link", name="L'action", exact=True).click()
    porteur.get_by_label("Objectifs de l'action").fill(NOUVEAUX_OBJECTIFS)
    assert_accessible(porteur)
    screenshot(porteur, "complements-3-etape-rouverte")
    porteur.get_by_role("button", name="Enregistrer et revenir à la demande").click()
    porteur.get_by_role("button", name="Renvoyer le dossier complété").wait_for()
    assert_accessible(porteur)
    screenshot(porteur, "complements-4-renvoi")
    porteur.get_by_role("button", name="Renvoyer le dossier complété").click()
    porteur.get_by_text("Votre dossier complété est renvoyé au service politique de la ville").wait_for()
    porteur_context.close()
    dossier.refresh_from_db()
    assert dossier.etat == EtatDossier.EN_INSTRUCTION and dossier.objectifs == NOUVEAUX_OBJECTIFS

    # The instructrice reloads the dossier and reads what changed, before and after.
    page.goto(staff_url)
    table = page.get_by_role("table", name="Ce qui a changé entre le dépôt n° 1")
    ligne = table.get_by_role("row", name="Objectifs de l'action")
    assert ligne.locator("ins").text_content() == "[début de l'ajout] et à la mobilité de 30 [fin de l'ajout]"
    assert ligne.locator("del").text_content() == "[début du retrait] des [fin du retrait]"
    page.locator("#complements").scroll_into_view_if_needed()
    assert_accessible(page)
    screenshot(page, "complements-5-differences-staff")
