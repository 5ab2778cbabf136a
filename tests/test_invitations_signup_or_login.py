"""Following an invitation link without being logged in: sign up (address pre-filled) or log in, then join."""

import re
from urllib.parse import quote

import pytest
from django.contrib.messages import get_messages
from django.core import mail

from comptes.factories import UserFactory
from comptes.models import User
from comptes.roles import Role
from comptes.tokens import invitation_token
from projets.factories import InvitationFactory
from projets.models import PorteurMembre

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitation(porteur_a):
    return InvitationFactory(porteur=porteur_a.porteurs.get(), email="invitee@asso.example", invite_par=porteur_a)


def _signup_data(token, email="invitee@asso.example"):
    return {
        "first_name": "Inès",
        "last_name": "Invitée",
        "email": email,
        "password1": "Quartiers-en-fete-2031",
        "password2": "Quartiers-en-fete-2031",
        "invitation": token,
    }


def test_an_anonymous_visitor_is_offered_to_sign_up_or_log_in(client, invitation):
    token = invitation_token(invitation)
    response = client.get(f"/compte/invitation/{token}/")
    content = response.content.decode()
    assert response.status_code == 200
    assert content.count("<h1") == 1 and "Invitation à agir pour Association A" in content
    assert f'href="/compte/inscription/?invitation={quote(token)}"' in content
    assert f'href="/compte/connexion/?next={quote(f"/compte/invitation/{token}/", safe="/")}"' in content
    assert not PorteurMembre.objects.filter(porteur=invitation.porteur).exclude(est_gestionnaire=True).exists()


def test_the_signup_page_of_an_invitation_has_the_address_filled_in(client, invitation):
    token = invitation_token(invitation)
    content = client.get("/compte/inscription/", {"invitation": token}).content.decode()
    assert 'value="invitee@asso.example"' in content
    assert f'value="{token}"' in content
    assert "Vous avez reçu une invitation à agir pour <strong>Association A</strong>" in content


def test_signing_up_with_the_invited_address_activates_the_account_and_joins(
    client, invitation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/compte/inscription/", _signup_data(invitation_token(invitation)))
    assert response.status_code == 302 and response.url == "/espace-porteur/"
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Votre compte est créé : vous pouvez agir pour Association A."
    ]
    user = User.objects.get(email="invitee@asso.example")
    assert user.is_active and client.session["_auth_user_id"] == str(user.pk)
    assert user.groups.filter(name=Role.PORTEUR).exists()
    assert not PorteurMembre.objects.get(user=user, porteur=invitation.porteur).est_gestionnaire
    invitation.refresh_from_db()
    assert invitation.acceptee_le is not None
    assert mail.outbox == []  # no confirmation needed: the invitation mail proved the address


def test_signing_up_from_an_invitation_with_another_address_needs_confirmation_and_does_not_join(
    client, invitation, django_capture_on_commit_callbacks
):
    data = _signup_data(invitation_token(invitation), email="autre@asso.example")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/compte/inscription/", data)
    assert response.url == "/compte/inscription/envoyee/"
    user = User.objects.get(email="autre@asso.example")
    assert not user.is_active
    assert not PorteurMembre.objects.filter(user=user).exists()
    assert "/compte/confirmer/" in mail.outbox[0].body


def test_logging_in_from_the_invitation_comes_back_and_joins(client, invitation):
    user = UserFactory(email="invitee@asso.example")
    invitation_url = f"/compte/invitation/{invitation_token(invitation)}/"
    login_url = re.search(r'href="(/compte/connexion/\?next=[^"]+)"', client.get(invitation_url).content.decode())
    response = client.get(login_url.group(1).replace("&amp;", "&"))
    response = client.post(
        login_url.group(1),
        {"username": user.email, "password": "motdepasse-de-test", "next": response.context["next"]},
    )
    assert response.url == invitation_url
    assert client.get(response.url).url == "/espace-porteur/"
    assert PorteurMembre.objects.filter(user=user, porteur=invitation.porteur, est_gestionnaire=False).exists()
