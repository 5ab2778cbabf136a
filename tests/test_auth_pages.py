import re

import pytest
from django.core import mail

from tests.helpers.auth import se_connecter

pytestmark = pytest.mark.django_db


def test_login_with_email_redirects_to_the_porteur_space(client, porteur_a):
    response = client.post("/compte/connexion/", {"username": porteur_a.email, "password": "motdepasse-de-test"})
    assert response.status_code == 302 and response.url == "/espace-porteur/"


def test_a_wrong_password_keeps_the_email_and_explains_in_french(client, porteur_a):
    response = client.post("/compte/connexion/", {"username": porteur_a.email, "password": "faux"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Adresse électronique ou mot de passe incorrect" in content
    assert f'value="{porteur_a.email}"' in content


def test_logout_is_a_post_and_returns_home(client, porteur_a):
    client.force_login(porteur_a)
    response = client.post("/compte/deconnexion/")
    assert response.status_code == 302 and response.url == "/"
    assert client.get("/espace-porteur/").status_code == 302


def test_password_reset_sends_a_french_mail_whose_link_sets_a_new_password(client, porteur_a):
    response = client.post("/compte/mot-de-passe-oublie/", {"email": porteur_a.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Contrat de ville : choisir un nouveau mot de passe"
    assert "Vous avez demandé à choisir un nouveau mot de passe" in message.body
    link = re.search(r"https?://[^/]+(/compte/reinitialisation/\S+)", message.body).group(1)
    form_url = client.get(link).url  # Django swaps the token for a session one
    response = client.post(
        form_url, {"new_password1": "un-nouveau-mot-de-passe", "new_password2": "un-nouveau-mot-de-passe"}
    )
    assert response.status_code == 302
    assert se_connecter(client, porteur_a.email, "un-nouveau-mot-de-passe")


def test_password_reset_for_an_unknown_address_says_the_same_and_sends_nothing(client):
    response = client.post("/compte/mot-de-passe-oublie/", {"email": "inconnu@exemple.fr"}, follow=True)
    assert "Si un compte existe avec cette adresse" in response.content.decode()
    assert mail.outbox == []


def test_a_too_short_new_password_is_refused_in_french(client, porteur_a):
    client.force_login(porteur_a)
    response = client.post(
        "/compte/mot-de-passe/",
        {"old_password": "motdepasse-de-test", "new_password1": "court", "new_password2": "court"},
    )
    assert "Ce mot de passe est trop court" in response.content.decode()
