import datetime

import pytest
from django.utils import timezone

from comptes.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/compte/connexion/"


def test_an_unconfirmed_account_is_told_to_confirm_its_address_with_a_resend_link(client):
    user = UserFactory(email="pas.confirmee@asso.example", is_active=False)
    response = client.post(URL, {"username": user.email, "password": "motdepasse-de-test"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Votre adresse électronique n'est pas encore confirmée" in content
    assert 'href="/compte/confirmation/renvoyer/"' in content
    assert "Adresse électronique ou mot de passe incorrect" not in content
    assert "_auth_user_id" not in client.session


def test_a_wrong_password_on_an_unconfirmed_account_reveals_nothing(client):
    user = UserFactory(email="pas.confirmee@asso.example", is_active=False)
    content = client.post(URL, {"username": user.email, "password": "faux"}).content.decode()
    assert "Adresse électronique ou mot de passe incorrect" in content
    assert "pas encore confirmée" not in content


def test_an_account_deactivated_by_staff_is_not_asked_to_confirm(client):
    user = UserFactory(is_active=False, last_login=timezone.now() - datetime.timedelta(days=30))
    content = client.post(URL, {"username": user.email, "password": "motdepasse-de-test"}).content.decode()
    assert "Adresse électronique ou mot de passe incorrect" in content
    assert "pas encore confirmée" not in content


def test_the_address_may_be_typed_in_any_case(client, porteur_a):
    response = client.post(URL, {"username": "  Porteuse.A@Exemple.FR ", "password": "motdepasse-de-test"})
    assert response.status_code == 302 and response.url == "/espace-porteur/"


def test_the_login_page_links_to_signup(client):
    content = client.get(URL).content.decode()
    assert '<a href="/compte/inscription/">Créer un compte</a>' in content
