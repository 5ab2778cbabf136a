import pytest

from projets.factories import PorteurFactory
from projets.models import Porteur, PorteurMembre

pytestmark = pytest.mark.django_db


def profil(**extra):
    return {"raison_sociale": "Les Jardins partagés", "forme_juridique": "association", **extra}


def test_the_creator_of_a_structure_becomes_its_gestionnaire(client, conseil_citoyen):
    user = conseil_citoyen
    client.force_login(user)
    response = client.post("/espace-porteur/structures/nouvelle/", profil(siret="732 829 320 00074", rna="w412001234"))
    assert response.status_code == 302
    porteur = Porteur.objects.get(raison_sociale="Les Jardins partagés")
    assert porteur.siret == "73282932000074" and porteur.rna == "W412001234"  # typed spaces and case are tidied
    assert PorteurMembre.objects.get(porteur=porteur, user=user).est_gestionnaire


def test_an_invalid_siret_is_explained_next_to_the_field_and_nothing_typed_is_lost(client, conseil_citoyen):
    client.force_login(conseil_citoyen)
    response = client.post(
        "/espace-porteur/structures/nouvelle/", profil(siret="73282932000075", objet_social="Jardiner ensemble")
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "clé de contrôle est fausse" in content
    assert 'value="73282932000075"' in content and "Jardiner ensemble" in content
    assert not Porteur.objects.filter(raison_sociale="Les Jardins partagés").exists()


def test_a_structure_already_registered_is_pointed_out_without_duplicating_it(client, conseil_citoyen):
    PorteurFactory(siret="73282932000074")
    client.force_login(conseil_citoyen)
    response = client.post("/espace-porteur/structures/nouvelle/", profil(siret="73282932000074"))
    assert "déjà inscrite" in response.content.decode()
    assert Porteur.objects.filter(siret="73282932000074").count() == 1


def test_members_edit_their_structure_and_others_get_404(client, porteur_a, porteur_b):
    porteur = porteur_a.porteurs.get()
    client.force_login(porteur_b)
    assert client.get(f"/espace-porteur/structures/{porteur.pk}/").status_code == 404
    assert client.post(f"/espace-porteur/structures/{porteur.pk}/", profil()).status_code == 404
    client.force_login(porteur_a)
    response = client.post(f"/espace-porteur/structures/{porteur.pk}/", profil(nombre_benevoles="12"))
    assert response.status_code == 302
    porteur.refresh_from_db()
    assert porteur.nombre_benevoles == 12 and porteur.raison_sociale == "Les Jardins partagés"
