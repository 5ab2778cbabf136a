"""The conseil citoyen's public page and FPH form, and the draw in the admin, pass axe; the FPH form keeps what
a resident typed when the e-mail is wrong. Screenshots in tests/artifacts/."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conseil_citoyen.factories import (
    ConseilCitoyenFactory,
    FondsParticipationFactory,
    MembreFactory,
    PersonneTireeFactory,
    TemoinFactory,
    TirageAuSortFactory,
)
from conseil_citoyen.models import DemandeFPH
from conseil_citoyen.services import tirage as service
from tests.browser.conftest import assert_accessible, login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_public_page_and_fph_form(page):
    conseil = ConseilCitoyenFactory(nom="Conseil citoyen – Quartiers Nord")
    MembreFactory(conseil=conseil, prenom="Awa", nom="Diallo", publication_consentie=True)
    FondsParticipationFactory(conseil=conseil, annee=timezone.localdate().year)

    page.goto(f"/conseils-citoyens/{conseil.pk}/")
    expect(page.get_by_role("heading", name="Conseil citoyen – Quartiers Nord")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "conseil-citoyen-public")

    page.get_by_role("link", name="Demander un coup de pouce pour un projet d'habitants").click()
    page.get_by_label("Titre du projet").fill("Tournoi de foot inter-immeubles")
    page.get_by_label("Description").fill("Un après-midi de foot pour les jeunes du quartier.")
    page.get_by_label("Habitantes et habitants qui portent le projet").fill("Samir et Léa")
    page.get_by_label("Adresse électronique de contact").fill("samir-at-exemple")
    page.get_by_label("Montant demandé").fill("250")
    page.get_by_role("button", name="Envoyer la demande").click()
    expect(page.get_by_text("Cette adresse n'est pas valide.")).to_be_visible()
    expect(page.get_by_label("Titre du projet")).to_have_value("Tournoi de foot inter-immeubles")
    assert_accessible(page)
    page.get_by_label("Adresse électronique de contact").fill("samir@exemple.fr")
    page.get_by_role("button", name="Envoyer la demande").click()
    expect(page.get_by_text("Votre demande est enregistrée")).to_be_visible()
    assert DemandeFPH.objects.get().titre == "Tournoi de foot inter-immeubles"


def test_the_draw_pages_in_the_admin(page, administrateur):
    tirage = TirageAuSortFactory(nombre=5)
    TemoinFactory(tirage=tirage, nom="Paul Girard")
    PersonneTireeFactory.create_batch(10, tirage=tirage)
    service.tirage_effectuer(tirage=tirage, graine="demo", by=administrateur)

    login(page, administrateur.email, f"/admin/conseil_citoyen/tirageausort/{tirage.pk}/change/")
    expect(page.get_by_role("link", name="Procès-verbal (PDF)")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "tirage-admin")
