import datetime
import re

import pytest
from django.contrib.auth.tokens import PasswordResetTokenGenerator, default_token_generator
from django.core import mail
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from comptes.factories import UserFactory
from comptes.models import User
from comptes.tokens import email_confirmation_token

pytestmark = pytest.mark.django_db

DONNEES = {
    "first_name": "Camille",
    "last_name": "Martin",
    "email": "camille.martin@asso.example",
    "password1": "Quartiers-en-fete-2031",
    "password2": "Quartiers-en-fete-2031",
}


@pytest.fixture
def lien(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/compte/inscription/", DONNEES)
    return re.search(r"https?://[^/]+(/compte/confirmer/\S+)", mail.outbox[0].body).group(1)


def _lien(user, token):
    return f"/compte/confirmer/{urlsafe_base64_encode(force_bytes(user.pk))}/{token}/"


def test_the_link_activates_the_account_logs_in_and_lands_in_the_porteur_space(client, lien):
    response = client.get(lien, follow=True)
    assert response.redirect_chain == [("/espace-porteur/", 302)]
    assert "Votre adresse électronique est confirmée" in response.content.decode()
    user = User.objects.get(email=DONNEES["email"])
    assert user.is_active
    assert response.context["user"] == user


def test_the_link_works_only_once(client, lien):
    client.get(lien)
    client.logout()
    response = client.get(lien)
    assert response.status_code == 400
    assert "Ce lien de confirmation n'est plus valable" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_invalid_link_explains_in_french_and_offers_to_resend_the_mail(client):
    response = client.get("/compte/confirmer/MTIzNDU/abc-def/")
    content = response.content.decode()
    assert response.status_code == 400
    assert content.count("<h1") == 1
    assert 'href="/compte/confirmation/renvoyer/"' in content


def test_an_expired_link_is_refused(client):
    user = UserFactory(is_active=False)
    generator = email_confirmation_token
    four_days_ago = generator._num_seconds(generator._now() - datetime.timedelta(days=4))
    response = client.get(_lien(user, generator._make_token_with_timestamp(user, four_days_ago, generator.secret)))
    assert response.status_code == 400
    user.refresh_from_db()
    assert not user.is_active


def test_a_password_reset_token_does_not_confirm_an_address(client):
    user = UserFactory(is_active=False)
    response = client.get(_lien(user, default_token_generator.make_token(user)))
    assert response.status_code == 400
    user.refresh_from_db()
    assert not user.is_active


def test_the_token_dies_when_the_account_becomes_active_even_without_a_login():
    assert issubclass(type(email_confirmation_token), PasswordResetTokenGenerator)
    user = UserFactory(is_active=False)
    token = email_confirmation_token.make_token(user)
    assert email_confirmation_token.check_token(user, token)
    user.is_active = True
    assert not email_confirmation_token.check_token(user, token)


def test_an_account_deactivated_by_staff_cannot_reactivate_itself(client):
    user = UserFactory(is_active=False, last_login=timezone.now() - datetime.timedelta(days=30))
    response = client.get(_lien(user, email_confirmation_token.make_token(user)))
    assert response.status_code == 400
    user.refresh_from_db()
    assert not user.is_active
