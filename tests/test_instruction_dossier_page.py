"""The staff page of a dossier: every section renders for the instruction, partners see it read-mostly."""

import pytest
from django.urls import reverse

from projets.factories import dossier_depose
from projets.models import CritereAnalyse

pytestmark = pytest.mark.django_db


def test_instructeur_sees_every_section(client, instructeur):
    dossier = dossier_depose()
    CritereAnalyse.objects.create(campagne=dossier.campagne, libelle="Pertinence", ordre=1)
    client.force_login(instructeur)
    response = client.get(reverse("instruction_dossier", args=[dossier.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    for titre in ["Recevabilité", "Demander des compléments", "Financements et avis", "Pertinence", "Historique"]:
        assert titre in page
    assert "Déclarer recevable" in page


def test_porteur_cannot_open_the_staff_page(client, porteur_a):
    dossier = dossier_depose()
    client.force_login(porteur_a)
    assert client.get(reverse("instruction_dossier", args=[dossier.pk])).status_code == 403
