import datetime
import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from comptes.services import invitation_cancel, invitation_create
from comptes.tokens import invitation_from_token
from projets.factories import InvitationFactory, PorteurMembreFactory
from projets.models import Invitation

pytestmark = pytest.mark.django_db


@pytest.fixture
def association_a(porteur_a):
    return porteur_a.porteurs.get()


def _url(porteur):
    return f"/compte/structures/{porteur.pk}/personnes/"


def test_a_gestionnaire_invites_a_colleague_who_receives_a_link_valid_14_days(
    client, porteur_a, association_a, django_capture_on_commit_callbacks
):
    client.force_login(porteur_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(association_a), {"email": "Collegue@asso.example"}, follow=True)
    assert response.redirect_chain == [(_url(association_a), 302)]
    assert "L&#x27;invitation a été envoyée à Collegue@asso.example" in response.content.decode()
    invitation = Invitation.objects.get()
    assert (invitation.porteur, invitation.email, invitation.invite_par) == (
        association_a,
        "Collegue@asso.example",
        porteur_a,
    )
    assert invitation.acceptee_le is None
    message = mail.outbox[0]
    assert message.to == ["Collegue@asso.example"]
    assert message.subject == "Contrat de ville : invitation à agir pour Association A"
    assert "valable 14 jours" in message.body
    token = re.search(r"http://testserver/compte/invitation/(\S+)/", message.body).group(1)
    assert invitation_from_token(token) == invitation


@pytest.mark.parametrize("email", ["PORTEUSE.A@exemple.fr", "deja.invitee@asso.example"])
def test_a_member_or_an_address_already_invited_is_refused_next_to_the_field(client, porteur_a, association_a, email):
    InvitationFactory(porteur=association_a, email="deja.invitee@asso.example", invite_par=porteur_a)
    client.force_login(porteur_a)
    response = client.post(_url(association_a), {"email": email})
    content = response.content.decode()
    assert response.status_code == 200
    error = re.search(r'<div id="id_email_error" class="invalid-feedback">(.*?)</div>', content, re.S).group(1)
    assert "peut déjà agir pour la structure" in error or "déjà en attente" in error
    assert f'value="{email}"' in content
    assert Invitation.objects.count() == 1 and mail.outbox == []


def test_an_expired_pending_invitation_is_replaced_by_a_new_one(
    client, porteur_a, association_a, django_capture_on_commit_callbacks
):
    ancienne = InvitationFactory(porteur=association_a, email="lente@asso.example", invite_par=porteur_a)
    Invitation.objects.filter(pk=ancienne.pk).update(cree_le=timezone.now() - datetime.timedelta(days=15))
    client.force_login(porteur_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url(association_a), {"email": "lente@asso.example"})
    nouvelle = Invitation.objects.get()
    assert nouvelle.pk != ancienne.pk and len(mail.outbox) == 1


def test_a_member_who_does_not_manage_accesses_cannot_invite(
    client, association_a, django_capture_on_commit_callbacks
):
    collegue = PorteurMembreFactory(porteur=association_a, est_gestionnaire=False).user
    client.force_login(collegue)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(association_a), {"email": "ami@asso.example"})
    assert response.status_code == 404
    assert not Invitation.objects.exists() and mail.outbox == []


def test_a_malformed_address_is_explained_in_french(client, porteur_a, association_a):
    client.force_login(porteur_a)
    content = client.post(_url(association_a), {"email": "collegue"}).content.decode()
    assert "elle s&#x27;écrit comme nom@exemple.fr" in content and 'value="collegue"' in content
    assert not Invitation.objects.exists()


def test_the_services_themselves_refuse_a_member_who_does_not_manage_accesses(porteur_a, association_a):
    collegue = PorteurMembreFactory(porteur=association_a, est_gestionnaire=False).user
    with pytest.raises(PermissionDenied):
        invitation_create(porteur=association_a, email="ami@asso.example", by=collegue, base_url="http://testserver")
    invitation = InvitationFactory(porteur=association_a, invite_par=porteur_a)
    with pytest.raises(PermissionDenied):
        invitation_cancel(invitation=invitation, by=collegue)
    assert list(Invitation.objects.all()) == [invitation]
