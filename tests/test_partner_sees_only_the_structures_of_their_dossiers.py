"""A COTECH partner reads in the admin only the structures of the dossiers they may read: those with a deposited
dossier in a campagne they are invited to (a structure's page lists its members and their e-mails)."""

import pytest
from django.urls import reverse

from projets.enums import EtatDossier
from projets.factories import CampagneFactory, DossierFactory

pytestmark = pytest.mark.django_db


def test_a_partner_lists_and_opens_only_the_structures_of_their_dossiers(client, partenaire_cotech):
    invitee = CampagneFactory()
    invitee.partenaires_invites.add(partenaire_cotech)
    visible = DossierFactory(campagne=invitee, etat=EtatDossier.DEPOSE, porteur__raison_sociale="Structure lue")
    brouillon = DossierFactory(campagne=invitee, porteur__raison_sociale="Structure en brouillon")
    ailleurs = DossierFactory(etat=EtatDossier.DEPOSE, porteur__raison_sociale="Structure hors campagne")
    client.force_login(partenaire_cotech)
    liste = client.get(reverse("admin:projets_porteur_changelist")).content.decode()
    assert "Structure lue" in liste
    assert "Structure en brouillon" not in liste and "Structure hors campagne" not in liste
    assert client.get(reverse("admin:projets_porteur_change", args=[visible.porteur_id])).status_code == 200
    for cache in (brouillon, ailleurs):
        assert client.get(reverse("admin:projets_porteur_change", args=[cache.porteur_id])).status_code == 302


def test_the_instruction_still_lists_every_structure(client, instructeur):
    DossierFactory(porteur__raison_sociale="Structure en brouillon")
    client.force_login(instructeur)
    assert "Structure en brouillon" in client.get(reverse("admin:projets_porteur_changelist")).content.decode()
