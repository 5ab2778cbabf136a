"""Sign-up in Chromium: the form, its errors, the mail, the confirmation link; then the same through an invitation."""

import re

import pytest
from django.core import mail

from tests.browser.conftest import assert_accessible, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _link(path_prefix: str) -> str:
    return re.search(rf"https?://[^/\s]+({path_prefix}\S+)", mail.outbox[-1].body).group(1)


def _fill_signup(page, *, password, confirmation):
    page.get_by_label("Prénom").fill("Camille")
    page.locator("#id_last_name").fill("Martin")
    page.locator("#id_password1").fill(password)
    page.get_by_label("Confirmation du mot de passe").fill(confirmation)


def test_a_porteuse_signs_up_confirms_her_address_and_lands_in_her_space(page):
    page.goto("/compte/connexion/")
    page.get_by_role("link", name="Créer un compte").click()
    assert page.locator("h1").inner_text() == "Créer un compte"
    assert_accessible(page)
    screenshot(page, "inscription")

    _fill_signup(page, password="court-1", confirmation="court-1")
    page.get_by_label("Adresse électronique").fill("camille.martin@asso.example")
    page.get_by_role("button", name="Créer mon compte").click()
    assert page.get_by_text("Ce mot de passe est trop court").is_visible()
    assert page.get_by_label("Adresse électronique").input_value() == "camille.martin@asso.example"
    assert_accessible(page)
    screenshot(page, "inscription-erreurs")

    page.locator("#id_password1").fill("Quartiers-en-fete-2031")
    page.get_by_label("Confirmation du mot de passe").fill("Quartiers-en-fete-2031")
    page.get_by_role("button", name="Créer mon compte").click()
    assert page.locator("h1").inner_text() == "Vérifiez votre messagerie"
    assert_accessible(page)
    screenshot(page, "inscription-envoyee")

    lien = _link("/compte/confirmer/")
    page.goto(lien)
    assert page.url.endswith("/espace-porteur/")
    assert page.get_by_text("Votre adresse électronique est confirmée").is_visible()
    assert page.get_by_text("Camille Martin").is_visible()  # logged in: the header names her
    assert_accessible(page)
    screenshot(page, "inscription-confirmee")

    page.get_by_role("button", name="Se déconnecter").click()
    page.goto(lien)
    assert page.locator("h1").inner_text() == "Ce lien de confirmation n'est plus valable"
    assert_accessible(page)
    screenshot(page, "confirmation-invalide")


def test_an_unconfirmed_account_is_told_how_to_confirm_when_logging_in(page):
    page.goto("/compte/inscription/")
    _fill_signup(page, password="Quartiers-en-fete-2031", confirmation="Quartiers-en-fete-2031")
    page.get_by_label("Adresse électronique").fill("camille.martin@asso.example")
    page.get_by_role("button", name="Créer mon compte").click()

    page.goto("/compte/connexion/")
    page.get_by_label("Adresse électronique").fill("camille.martin@asso.example")
    page.locator("#id_password").fill("Quartiers-en-fete-2031")
    page.get_by_role("button", name="Se connecter").click()
    assert page.get_by_text("Votre adresse électronique n'est pas encore confirmée").is_visible()
    assert_accessible(page)
    screenshot(page, "connexion-compte-non-confirme")

    page.get_by_role("link", name="Recevoir un nouveau lien de confirmation").click()
    assert_accessible(page)
    screenshot(page, "confirmation-renvoyer")
    page.get_by_label("Adresse électronique").fill("camille.martin@asso.example")
    page.get_by_role("button", name="Recevoir un nouveau lien").click()
    assert page.locator("h1").inner_text() == "Vérifiez votre messagerie"
    assert_accessible(page)
    page.goto(_link("/compte/confirmer/"))
    assert page.url.endswith("/espace-porteur/")


def test_a_colleague_invited_by_the_gestionnaire_signs_up_from_the_mail_and_joins(page, porteur_a):
    page.goto("/compte/connexion/")
    page.get_by_label("Adresse électronique").fill(porteur_a.email)
    page.locator("#id_password").fill("motdepasse-de-test")
    page.get_by_role("button", name="Se connecter").click()
    page.goto(f"/compte/structures/{porteur_a.porteurs.get().pk}/personnes/")
    page.get_by_label("Adresse électronique de la personne à inviter").fill("collegue@asso.example")
    page.get_by_role("button", name="Envoyer l'invitation").click()
    assert page.get_by_text("L'invitation a été envoyée à collegue@asso.example").is_visible()
    assert_accessible(page)
    screenshot(page, "personnes-habilitees")
    page.get_by_role("button", name="Se déconnecter").click()

    page.goto(_link("/compte/invitation/"))
    assert page.locator("h1").inner_text() == "Invitation à agir pour Association A"
    assert_accessible(page)
    screenshot(page, "invitation")
    page.get_by_role("link", name="Créer mon compte").click()
    assert page.get_by_label("Adresse électronique").input_value() == "collegue@asso.example"
    _fill_signup(page, password="Quartiers-en-fete-2031", confirmation="Quartiers-en-fete-2031")
    page.get_by_role("button", name="Créer mon compte").click()
    assert page.url.endswith("/espace-porteur/")
    assert page.get_by_text("Votre compte est créé : vous pouvez agir pour Association A").is_visible()
    assert_accessible(page)
    screenshot(page, "invitation-acceptee")

    page.get_by_role("button", name="Se déconnecter").click()
    page.goto("/compte/connexion/")
    page.get_by_label("Adresse électronique").fill(porteur_a.email)
    page.locator("#id_password").fill("motdepasse-de-test")
    page.get_by_role("button", name="Se connecter").click()
    page.goto(f"/compte/structures/{porteur_a.porteurs.get().pk}/personnes/")
    assert page.get_by_role("button", name="Confier la gestion des accès à Camille Martin").is_visible()
    assert page.get_by_role("button", name="Retirer Camille Martin").is_visible()
    assert page.get_by_text("Aucune invitation en attente").is_visible()
    assert_accessible(page)
    screenshot(page, "personnes-habilitees-membres")
