import pytest
from django.core.exceptions import PermissionDenied

from comptes.services import porteur_membre_promote, porteur_membre_remove
from projets.factories import PorteurMembreFactory
from projets.models import PorteurMembre

pytestmark = pytest.mark.django_db


@pytest.fixture
def association_a(porteur_a):
    return porteur_a.porteurs.get()


def _url(membre):
    return f"/compte/structures/{membre.porteur_id}/personnes/{membre.pk}/retirer/"


def _membre(user, porteur):
    return PorteurMembre.objects.get(user=user, porteur=porteur)


def test_a_gestionnaire_removes_a_member(client, porteur_a, association_a):
    collegue = PorteurMembreFactory(porteur=association_a, est_gestionnaire=False)
    client.force_login(porteur_a)
    response = client.post(_url(collegue), follow=True)
    assert response.redirect_chain == [(f"/compte/structures/{association_a.pk}/personnes/", 302)]
    assert "ne peut plus agir pour Association A" in response.content.decode()
    assert not PorteurMembre.objects.filter(pk=collegue.pk).exists()


def test_the_last_gestionnaire_cannot_be_removed(client, porteur_a, association_a):
    PorteurMembreFactory(porteur=association_a, est_gestionnaire=False)
    seul = _membre(porteur_a, association_a)
    client.force_login(porteur_a)
    response = client.post(_url(seul), follow=True)
    content = response.content.decode()
    assert "la seule à gérer les accès de la structure" in content
    assert PorteurMembre.objects.filter(pk=seul.pk, est_gestionnaire=True).exists()
    assert f"/personnes/{seul.pk}/retirer/" not in content  # no button offered either


def test_with_two_gestionnaires_one_may_leave(client, porteur_a, association_a):
    PorteurMembreFactory(porteur=association_a, est_gestionnaire=True)
    client.force_login(porteur_a)
    response = client.post(_url(_membre(porteur_a, association_a)))
    assert response.status_code == 302 and response.url == "/espace-porteur/"
    assert not association_a.membres.filter(user=porteur_a).exists()


def test_a_member_who_does_not_manage_accesses_cannot_remove_anyone(client, porteur_a, association_a):
    collegue = PorteurMembreFactory(porteur=association_a, est_gestionnaire=False)
    autre = PorteurMembreFactory(porteur=association_a, est_gestionnaire=False)
    client.force_login(collegue.user)
    assert client.post(_url(autre)).status_code == 404
    assert client.post(_url(_membre(porteur_a, association_a))).status_code == 404
    assert association_a.membres.count() == 3


def test_a_member_of_another_porteur_cannot_be_removed_through_this_one(client, porteur_a, porteur_b, association_a):
    membre_b = _membre(porteur_b, porteur_b.porteurs.get())
    client.force_login(porteur_a)
    url = f"/compte/structures/{association_a.pk}/personnes/{membre_b.pk}/retirer/"
    assert client.post(url).status_code == 404
    assert client.post(_url(membre_b)).status_code == 404
    assert PorteurMembre.objects.filter(pk=membre_b.pk).exists()


def test_the_services_themselves_refuse_a_member_who_does_not_manage_accesses(porteur_a, association_a):
    collegue = PorteurMembreFactory(porteur=association_a, est_gestionnaire=False)
    gestionnaire = _membre(porteur_a, association_a)
    with pytest.raises(PermissionDenied):
        porteur_membre_remove(membre=gestionnaire, by=collegue.user)
    with pytest.raises(PermissionDenied):
        porteur_membre_promote(membre=collegue, by=collegue.user)
    assert association_a.membres.count() == 2 and not association_a.membres.get(pk=collegue.pk).est_gestionnaire
