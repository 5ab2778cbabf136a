"""Signing up never tells whether an address has an account: the address's owner learns it by mail."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from comptes.factories import UserFactory
from comptes.models import User

pytestmark = pytest.mark.django_db


def _signup(client, email, password="Quartiers-en-fete-2031"):
    return client.post(
        "/compte/inscription/",
        {"first_name": "Zoé", "last_name": "Intruse", "email": email, "password1": password, "password2": password},
        follow=True,
    )


def test_a_taken_address_gets_the_same_page_as_a_new_one(client, porteur_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        nouvelle = _signup(client, "nouvelle@asso.example")
        existante = _signup(client, porteur_a.email)
    assert nouvelle.redirect_chain == existante.redirect_chain == [("/compte/inscription/envoyee/", 302)]
    assert nouvelle.content == existante.content


def test_a_taken_address_is_mailed_a_password_reset_link_and_nothing_changes(
    client, porteur_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _signup(client, porteur_a.email)
    assert User.objects.filter(email__iexact=porteur_a.email).count() == 1
    porteur_a.refresh_from_db()
    assert porteur_a.check_password("motdepasse-de-test") and porteur_a.last_name != "Intruse"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [porteur_a.email]
    assert message.subject == "Contrat de ville : vous avez déjà un compte"
    assert "Vous avez déjà un compte" in message.body
    lien = re.search(r"https?://[^/]+(/compte/reinitialisation/\S+)", message.body).group(1)
    form_url = client.get(lien).url
    assert client.get(form_url).context["validlink"]


def test_the_address_is_matched_whatever_its_case(client, porteur_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _signup(client, porteur_a.email.upper())
    assert User.objects.filter(email__iexact=porteur_a.email).count() == 1
    assert mail.outbox[0].to == [porteur_a.email]


def test_an_unconfirmed_address_gets_its_confirmation_link_again(client, django_capture_on_commit_callbacks):
    user = UserFactory(email="pas.confirmee@asso.example", is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        response = _signup(client, user.email, password="Un-autre-mot-de-passe")
    assert response.redirect_chain == [("/compte/inscription/envoyee/", 302)]
    user.refresh_from_db()
    assert user.check_password("motdepasse-de-test") and not user.is_active
    assert len(mail.outbox) == 1
    assert "Un compte existe déjà avec elle" in mail.outbox[0].body
    lien = re.search(r"https?://[^/]+(/compte/confirmer/\S+)", mail.outbox[0].body).group(1)
    assert client.get(lien).url == "/espace-porteur/"


def test_a_deactivated_account_is_sent_nothing(client, django_capture_on_commit_callbacks):
    user = UserFactory(is_active=False, last_login=timezone.now() - datetime.timedelta(days=90))
    with django_capture_on_commit_callbacks(execute=True):
        response = _signup(client, user.email)
    assert response.redirect_chain == [("/compte/inscription/envoyee/", 302)]
    assert mail.outbox == []
