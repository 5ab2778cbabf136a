import pytest

from projets.factories import InvitationFactory, PorteurMembreFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def association_a(porteur_a):
    return porteur_a.porteurs.get()


def _url(membre):
    return f"/compte/structures/{membre.porteur_id}/personnes/{membre.pk}/gestionnaire/"


def test_a_gestionnaire_makes_a_member_gestionnaire_who_can_then_invite(client, porteur_a, association_a):
    collegue = PorteurMembreFactory(porteur=association_a, est_gestionnaire=False)
    client.force_login(porteur_a)
    response = client.post(_url(collegue), follow=True)
    assert "gère maintenant les accès de l&#x27;Association A" in response.content.decode()
    collegue.refresh_from_db()
    assert collegue.est_gestionnaire
    client.force_login(collegue.user)
    content = client.get(f"/compte/structures/{association_a.pk}/personnes/").content.decode()
    assert 'name="email"' in content


def test_a_member_who_does_not_manage_accesses_cannot_promote_anyone(client, association_a):
    collegue = PorteurMembreFactory(porteur=association_a, est_gestionnaire=False)
    client.force_login(collegue.user)
    assert client.post(_url(collegue)).status_code == 404
    collegue.refresh_from_db()
    assert not collegue.est_gestionnaire


def test_promoting_needs_a_post(client, porteur_a, association_a):
    collegue = PorteurMembreFactory(porteur=association_a, est_gestionnaire=False)
    InvitationFactory(porteur=association_a, invite_par=porteur_a)
    client.force_login(porteur_a)
    assert client.get(_url(collegue)).status_code == 405
