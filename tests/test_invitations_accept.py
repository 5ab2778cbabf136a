"""Following an invitation link while logged in, and every way a link can be refused."""

import time

import pytest
from django.contrib.messages import get_messages
from django.core import signing
from django.utils import timezone

from comptes.factories import UserFactory
from comptes.tokens import invitation_token
from projets.factories import InvitationFactory
from projets.models import PorteurMembre

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitation(porteur_a):
    return InvitationFactory(porteur=porteur_a.porteurs.get(), email="Invitee@asso.example", invite_par=porteur_a)


@pytest.fixture
def invitee(db):
    return UserFactory(email="invitee@asso.example")


def _url(invitation):
    return f"/compte/invitation/{invitation_token(invitation)}/"


def test_the_invited_address_joins_the_porteur_without_managing_accesses(client, invitation, invitee):
    client.force_login(invitee)
    response = client.get(_url(invitation))
    assert response.status_code == 302 and response.url == "/espace-porteur/"
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["Vous pouvez maintenant agir pour Association A."]
    membre = PorteurMembre.objects.get(user=invitee, porteur=invitation.porteur)
    assert not membre.est_gestionnaire
    invitation.refresh_from_db()
    assert invitation.acceptee_le is not None


def test_an_invitation_for_another_address_is_refused(client, invitation, porteur_b):
    client.force_login(porteur_b)
    response = client.get(_url(invitation))
    content = response.content.decode()
    assert response.status_code == 403
    assert "Cette invitation a été envoyée à une autre adresse que celle de votre compte" in content
    assert not invitation.porteur.membres.filter(user=porteur_b).exists()
    invitation.refresh_from_db()
    assert invitation.acceptee_le is None


def test_an_expired_invitation_is_refused(client, invitation, invitee, monkeypatch):
    fifteen_days_ago = int(time.time()) - 15 * 24 * 3600
    monkeypatch.setattr(signing.TimestampSigner, "timestamp", lambda self: signing.b62_encode(fifteen_days_ago))
    url = _url(invitation)
    monkeypatch.undo()
    client.force_login(invitee)
    response = client.get(url)
    assert response.status_code == 410
    assert "Cette invitation a expiré : elle était valable 14 jours" in response.content.decode()
    assert not PorteurMembre.objects.filter(user=invitee).exists()


def test_a_used_invitation_is_refused(client, invitation, invitee):
    invitation.acceptee_le = timezone.now()
    invitation.save()
    client.force_login(invitee)
    response = client.get(_url(invitation))
    assert response.status_code == 410
    assert "Cette invitation a déjà été utilisée" in response.content.decode()
    assert not PorteurMembre.objects.filter(user=invitee).exists()


def test_a_used_invitation_is_refused_before_even_logging_in(client, invitation):
    invitation.acceptee_le = timezone.now()
    invitation.save()
    response = client.get(_url(invitation))
    assert response.status_code == 410
    assert "Cette invitation a déjà été utilisée" in response.content.decode()


def test_a_link_can_be_used_only_once(client, invitation, invitee):
    client.force_login(invitee)
    url = _url(invitation)
    client.get(url)
    response = client.get(url)
    assert response.status_code == 410


def test_a_tampered_link_is_refused(client, invitation, invitee):
    client.force_login(invitee)
    other_pk = _url(invitation).replace(f"/invitation/{invitation.pk}:", f"/invitation/{invitation.pk + 1}:")
    for url in (other_pk, "/compte/invitation/n-importe-quoi/"):
        response = client.get(url)
        assert response.status_code == 404
        assert "Ce lien d&#x27;invitation est incomplet ou erroné" in response.content.decode()
    assert not PorteurMembre.objects.filter(user=invitee).exists()
