import pytest

from comptes.factories import UserFactory
from projets.factories import InvitationFactory, PorteurMembreFactory
from tests.helpers.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def _url(porteur):
    return f"/compte/structures/{porteur.pk}/personnes/"


@pytest.fixture
def association_a(porteur_a):
    return porteur_a.porteurs.get()


def test_a_gestionnaire_sees_the_people_the_pending_invitations_and_the_invite_form(client, porteur_a, association_a):
    collegue = PorteurMembreFactory(porteur=association_a, est_gestionnaire=False, user__email="collegue@asso.example")
    InvitationFactory(porteur=association_a, email="invitee@asso.example", invite_par=porteur_a)
    client.force_login(porteur_a)
    response = client.get(_url(association_a))
    content = response.content.decode()
    assert response.status_code == 200
    assert content.count("<h1") == 1 and "Personnes habilitées pour Association A" in content
    assert porteur_a.email in content and collegue.user.email in content and "invitee@asso.example" in content
    assert "Inviter une ou un collègue" in content and 'name="email"' in content
    assert f"/compte/structures/{association_a.pk}/personnes/{collegue.pk}/retirer/" in content
    assert f"/compte/structures/{association_a.pk}/personnes/{collegue.pk}/gestionnaire/" in content


def test_a_member_who_does_not_manage_accesses_sees_the_list_read_only(client, porteur_a, association_a):
    collegue = PorteurMembreFactory(porteur=association_a, est_gestionnaire=False).user
    InvitationFactory(porteur=association_a, email="invitee@asso.example", invite_par=porteur_a)
    client.force_login(collegue)
    response = client.get(_url(association_a))
    content = response.content.decode()
    assert response.status_code == 200
    assert porteur_a.email in content and "invitee@asso.example" in content
    assert 'name="email"' not in content
    assert "/retirer/" not in content and "/gestionnaire/" not in content and "/annuler/" not in content
    assert "adressez-vous à une personne qui gère les accès" in content


def test_another_porteurs_page_is_404(client, porteur_a, porteur_b, association_a):
    client.force_login(porteur_b)
    assert client.get(_url(association_a)).status_code == 404
    assert client.post(_url(association_a), {"email": "x@asso.example"}).status_code == 404


def test_staff_without_membership_get_404_too(client, instructeur, association_a):
    client.force_login(instructeur)
    assert client.get(_url(association_a)).status_code == 404


def test_anonymous_visitors_are_sent_to_login(client, association_a):
    response = client.get(_url(association_a))
    assert response.status_code == 302 and response.url.startswith("/compte/connexion/?next=")


def test_the_page_needs_the_same_number_of_queries_whatever_the_number_of_people(client, porteur_a, association_a):
    client.force_login(porteur_a)
    inviteur = UserFactory()

    def grow():
        PorteurMembreFactory(porteur=association_a, est_gestionnaire=False)
        InvitationFactory(porteur=association_a, invite_par=inviteur)

    assert assert_constant_queries(lambda: client.get(_url(association_a)), grow) <= 12
