"""A form sent after the session (and its cookies) were lost gets a French page in the site's layout that says what
happened and whether what was typed is kept; the login page says the session expired."""

import pytest
from django.test import Client

from projets.factories import CampagneFactory, DossierFactory

pytestmark = pytest.mark.django_db

ANGLAIS = ("Forbidden", "CSRF verification failed", "Request aborted", "More information")


def test_a_wizard_step_sent_without_its_cookies_says_the_input_is_kept_on_the_device(porteur_a):
    dossier = DossierFactory(porteur=porteur_a.porteurs.get(), campagne=CampagneFactory())
    step = f"/espace-porteur/dossiers/{dossier.pk}/action/"
    response = Client(enforce_csrf_checks=True).post(step, {"objectifs": "Rompre l'isolement."})
    html = response.content.decode()
    assert response.status_code == 403
    assert "Votre formulaire n'a pas été envoyé" in html and "Votre session a expiré" in html
    assert "Rien de ce que vous avez saisi n'est perdu" in html
    retour = f"%2Fespace-porteur%2Fdossiers%2F{dossier.pk}%2Faction%2F"
    assert f'href="/compte/connexion/?next={retour}&amp;expiree=1"' in html
    assert 'class="navbar' in html  # the site's layout
    assert not any(mot in html for mot in ANGLAIS)


def test_another_form_sent_without_its_cookies_says_to_go_back_to_the_page(porteur_a):
    response = Client(enforce_csrf_checks=True).post(
        "/compte/inscription/", {"email": "x@exemple.fr"}, HTTP_REFERER="http://testserver/compte/inscription/"
    )
    html = response.content.decode()
    assert response.status_code == 403
    assert "bouton «&nbsp;Retour&nbsp;»" in html and "Rien de ce que vous avez saisi n'est perdu" not in html
    assert "next=http%3A%2F%2Ftestserver%2Fcompte%2Finscription%2F&amp;expiree=1" in html
    assert not any(mot in html for mot in ANGLAIS)


def _login(client, user):
    client.post("/compte/connexion/", {"username": user.email, "password": "motdepasse-de-test"})


def test_the_login_page_says_the_session_expired_when_a_protected_page_sends_there(client, porteur_a):
    _login(client, porteur_a)
    del client.cookies["sessionid"]  # the session cookie expired in the browser
    response = client.get("/espace-porteur/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/compte/connexion/?next=")
    assert "Votre session a expiré, reconnectez-vous" in response.content.decode()


def test_the_login_page_says_nothing_of_an_expiry_on_a_first_visit_or_after_logging_out(client, porteur_a):
    response = client.get("/espace-porteur/", follow=True)
    assert "Votre session a expiré" not in response.content.decode()
    _login(client, porteur_a)
    client.post("/compte/deconnexion/")
    response = client.get("/espace-porteur/", follow=True)
    assert "Votre session a expiré" not in response.content.decode()


def test_the_login_page_says_the_session_expired_when_the_refusal_page_sends_there(client):
    assert "Votre session a expiré" in client.get("/compte/connexion/?expiree=1").content.decode()
