"""A COTECH partner (État, CAF, bailleur…) sees the dossiers of the campagnes it is invited to, and no others."""

import pytest
from django.urls import reverse

from projets.enums import EtatDossier
from projets.factories import CampagneFactory, DossierFactory, PieceJointeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def campagnes(partenaire_cotech):
    invitee, autre = CampagneFactory(libelle="Appel invité"), CampagneFactory(libelle="Appel non invité")
    invitee.partenaires_invites.add(partenaire_cotech)
    return invitee, autre


def test_the_queue_lists_only_the_invited_campagnes(client, partenaire_cotech, campagnes):
    invitee, autre = campagnes
    client.force_login(partenaire_cotech)
    index = client.get("/instruction/").content.decode()
    assert "Appel invité" in index and "Appel non invité" not in index
    assert client.get(f"/instruction/campagnes/{invitee.pk}/").status_code == 200
    assert client.get(f"/instruction/campagnes/{autre.pk}/").status_code == 404
    assert client.get(f"/instruction/campagnes/{autre.pk}/?export=csv").status_code == 404


def test_the_admin_and_the_files_follow_the_same_rule(client, partenaire_cotech, campagnes):
    invitee, autre = campagnes
    visible = DossierFactory(campagne=invitee, etat=EtatDossier.DEPOSE, intitule="Dossier visible")
    cache = DossierFactory(campagne=autre, etat=EtatDossier.DEPOSE, intitule="Dossier caché")
    client.force_login(partenaire_cotech)
    liste = client.get(reverse("admin:projets_dossier_changelist")).content.decode()
    assert "Dossier visible" in liste and "Dossier caché" not in liste
    assert client.get(reverse("admin:projets_dossier_change", args=[cache.pk])).status_code == 302  # "not found"
    assert client.get(reverse("admin:projets_dossier_change", args=[visible.pk])).status_code == 200
    piece = PieceJointeFactory(dossier=cache)
    assert client.get(f"/espace-porteur/pieces/{piece.pk}/telecharger/").status_code == 404


def test_instructors_still_see_every_campagne(client, instructeur, campagnes):
    client.force_login(instructeur)
    for campagne in campagnes:
        assert client.get(f"/instruction/campagnes/{campagne.pk}/").status_code == 200


def test_a_partner_downloads_no_standing_document_of_a_structure_outside_their_campagnes(client, partenaire_cotech):
    from projets.factories import DocumentPorteurFactory
    from tests.helpers.monde import fermer

    dossier = DossierFactory(etat=EtatDossier.DEPOSE)
    document = DocumentPorteurFactory(porteur=dossier.porteur)
    client.force_login(partenaire_cotech)
    url = f"/espace-porteur/documents/{document.pk}/telecharger/"
    assert client.get(url).status_code == 404
    dossier.campagne.partenaires_invites.add(partenaire_cotech)
    reponse = client.get(url)
    fermer(reponse)
    assert reponse.status_code == 200
