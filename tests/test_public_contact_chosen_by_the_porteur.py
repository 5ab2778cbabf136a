"""The porteur chooses, in the wizard, the contact published with its action once funded."""

import pytest
from django.urls import reverse

from projets.enums import EtatDossier
from projets.factories import DossierFactory, PorteurMembreFactory

pytestmark = pytest.mark.django_db


def test_the_contact_typed_in_the_wizard_is_the_one_published(client):
    dossier = DossierFactory(etat=EtatDossier.BROUILLON, numero="CV-2031-0042")
    client.force_login(PorteurMembreFactory(porteur=dossier.porteur).user)
    client.post(
        reverse("dossier_etape", args=[dossier.pk, "attestation"]),
        {"contact_public": "Accueil de la Maison de Bégon, 02 54 00 00 00"},
    )
    dossier.refresh_from_db()
    assert dossier.contact_public == "Accueil de la Maison de Bégon, 02 54 00 00 00"
    dossier.etat, dossier.publie = EtatDossier.RETENU, True
    dossier.save()
    page = client.get(reverse("projet_public", args=[dossier.pk])).content.decode()
    assert "Accueil de la Maison de Bégon, 02 54 00 00 00" in page
