import pytest

from comptes.tokens import invitation_token
from projets.factories import InvitationFactory, PorteurMembreFactory
from projets.models import Invitation

pytestmark = pytest.mark.django_db


@pytest.fixture
def association_a(porteur_a):
    return porteur_a.porteurs.get()


@pytest.fixture
def invitation(porteur_a, association_a):
    return InvitationFactory(porteur=association_a, email="invitee@asso.example", invite_par=porteur_a)


def _url(invitation):
    return f"/compte/structures/{invitation.porteur_id}/invitations/{invitation.pk}/annuler/"


def test_a_gestionnaire_cancels_a_pending_invitation_and_its_link_stops_working(client, porteur_a, invitation):
    token = invitation_token(invitation)
    client.force_login(porteur_a)
    response = client.post(_url(invitation), follow=True)
    assert response.redirect_chain == [(f"/compte/structures/{invitation.porteur_id}/personnes/", 302)]
    assert "est annulée" in response.content.decode()
    assert not Invitation.objects.exists()
    client.logout()
    response = client.get(f"/compte/invitation/{token}/")
    assert response.status_code == 410 and "Cette invitation a été annulée" in response.content.decode()


def test_a_member_who_does_not_manage_accesses_cannot_cancel(client, association_a, invitation):
    collegue = PorteurMembreFactory(porteur=association_a, est_gestionnaire=False).user
    client.force_login(collegue)
    assert client.post(_url(invitation)).status_code == 404
    assert Invitation.objects.filter(pk=invitation.pk).exists()


def test_the_gestionnaire_of_another_porteur_cannot_cancel(client, porteur_b, invitation):
    client.force_login(porteur_b)
    association_b = porteur_b.porteurs.get()
    assert client.post(_url(invitation)).status_code == 404
    other_url = f"/compte/structures/{association_b.pk}/invitations/{invitation.pk}/annuler/"
    assert client.post(other_url).status_code == 404
    assert Invitation.objects.filter(pk=invitation.pk).exists()


def test_cancelling_needs_a_post(client, porteur_a, invitation):
    client.force_login(porteur_a)
    assert client.get(_url(invitation)).status_code == 405
