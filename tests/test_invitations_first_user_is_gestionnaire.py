"""`porteur_membre_add`, called by the code that creates a porteur: its first user manages the others."""

import pytest

from comptes.factories import UserFactory
from comptes.roles import Role
from comptes.services import porteur_membre_add
from projets.factories import PorteurFactory

pytestmark = pytest.mark.django_db


def test_the_first_user_of_a_new_porteur_is_its_gestionnaire_and_can_invite(client):
    porteur, user = PorteurFactory(), UserFactory()
    membre = porteur_membre_add(porteur=porteur, user=user, gestionnaire=True)
    assert (membre.porteur, membre.user, membre.est_gestionnaire) == (porteur, user, True)
    assert user.groups.filter(name=Role.PORTEUR).exists()
    client.force_login(user)
    content = client.get(f"/compte/structures/{porteur.pk}/personnes/").content.decode()
    assert "Inviter une ou un collègue" in content


def test_adding_a_member_again_changes_nothing_and_never_demotes():
    porteur, user = PorteurFactory(), UserFactory()
    first = porteur_membre_add(porteur=porteur, user=user, gestionnaire=True)
    again = porteur_membre_add(porteur=porteur, user=user, gestionnaire=False)
    assert again.pk == first.pk and again.est_gestionnaire
    assert porteur.membres.count() == 1


def test_adding_an_existing_member_as_gestionnaire_promotes_them():
    porteur, user = PorteurFactory(), UserFactory()
    porteur_membre_add(porteur=porteur, user=user, gestionnaire=False)
    assert porteur_membre_add(porteur=porteur, user=user, gestionnaire=True).est_gestionnaire
    assert porteur.membres.get().est_gestionnaire
