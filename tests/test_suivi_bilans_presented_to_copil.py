"""Validated bilans presented to a COPIL séance from the staff screen; they show on the séance's admin page;
refusals in French next to the field."""

from html import unescape

import pytest
from django.urls import reverse

from suivi.models import Bilan
from suivi.services.bilans import bilan_validate
from tests.helpers.copil import seance_copil
from tests.helpers.suivi import bilan_depose, dossier_en_cours

pytestmark = pytest.mark.django_db


@pytest.fixture
def valide(membre_copil, instructeur, porteur_a):
    dossier = dossier_en_cours(membre_copil=membre_copil, instructeur=instructeur, porteuse=porteur_a)
    return bilan_validate(bilan=bilan_depose(dossier=dossier, porteuse=porteur_a), by=instructeur)


@pytest.fixture
def seance(membre_copil, valide):
    return seance_copil(secretaire=membre_copil, dossiers=1).seance


def test_the_service_presents_validated_bilans_to_a_seance(client, instructeur, valide, seance):
    client.force_login(instructeur)
    url = reverse("suivi_bilans_copil")
    assert valide.dossier.intitule in client.get(url).content.decode()
    assert client.post(url, {"seance": seance.pk, "bilans": [valide.pk]}).status_code == 302
    valide.refresh_from_db()
    assert valide.seance_copil == seance
    page = unescape(client.get(url).content.decode())
    assert str(seance) in page and "Aucun bilan validé n'attend d'être présenté." in page


def test_nothing_ticked_or_no_seance_is_refused_next_to_the_field(client, instructeur, valide, seance):
    client.force_login(instructeur)
    texte = unescape(client.post(reverse("suivi_bilans_copil"), {"seance": ""}).content.decode())
    assert "Choisissez la séance du COPIL." in texte and "Cochez au moins un bilan validé." in texte
    valide.refresh_from_db()
    assert valide.seance_copil is None


def test_a_bilan_not_validated_cannot_be_presented(client, instructeur, valide, seance):
    Bilan.objects.filter(pk=valide.pk).update(etat="depose")
    client.force_login(instructeur)
    texte = unescape(client.post(reverse("suivi_bilans_copil"), {"seance": seance.pk, "bilans": [valide.pk]})
                     .content.decode())  # fmt: skip
    assert "n'est plus à présenter" in texte


def test_the_seance_admin_lists_the_bilans_presented(admin_client, valide, seance):
    valide.seance_copil = seance
    valide.save()
    page = admin_client.get(reverse("admin:projets_seance_change", args=[seance.pk])).content.decode()
    assert "Bilans validés présentés à cette séance" in page and valide.dossier.intitule in page


def test_the_copil_reads_the_screen_but_cannot_present(client, membre_copil, valide, seance):
    client.force_login(membre_copil)
    assert client.get(reverse("suivi_bilans_copil")).status_code == 200
    assert client.post(reverse("suivi_bilans_copil"), {"seance": seance.pk, "bilans": [valide.pk]}).status_code == 403
