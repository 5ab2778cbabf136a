"""Submitting, the récépissé and withdrawing, as the porteur does it from the web pages."""

import datetime
import html

import pytest
from django.core import mail

from projets.enums import EtatDossier
from projets.factories import PorteurMembreFactory, dossier_pret_a_deposer

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier():
    return dossier_pret_a_deposer()


@pytest.fixture
def porteuse(dossier):
    return PorteurMembreFactory(porteur=dossier.porteur).user


def test_submit_then_download_the_receipt(client, porteuse, dossier, django_capture_on_commit_callbacks):
    client.force_login(porteuse)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/espace-porteur/dossiers/{dossier.pk}/deposer/", follow=True)
    assert "Votre dossier est déposé" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.etat == EtatDossier.DEPOSE
    assert len(mail.outbox) == 1
    recepisse = client.get(f"/espace-porteur/dossiers/{dossier.pk}/recepisse/")
    assert recepisse["Content-Type"] == "application/pdf"
    assert b"".join(recepisse.streaming_content).startswith(b"%PDF")


def test_after_closing_the_porteur_reads_why_and_the_draft_is_kept(client, porteuse, dossier):
    campagne = dossier.campagne
    campagne.date_ouverture = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    campagne.date_cloture = datetime.datetime(2020, 2, 1, tzinfo=datetime.UTC)
    campagne.save()
    client.force_login(porteuse)
    response = client.post(f"/espace-porteur/dossiers/{dossier.pk}/deposer/", follow=True)
    assert "L'appel à projets est clos" in html.unescape(response.content.decode())
    dossier.refresh_from_db()
    assert dossier.etat == EtatDossier.BROUILLON and dossier.lignes_budget.count() == 3


def test_another_porteur_gets_404_on_the_dossier_and_its_receipt(client, porteuse, porteur_b, dossier):
    client.force_login(porteuse)
    client.post(f"/espace-porteur/dossiers/{dossier.pk}/deposer/")
    client.force_login(porteur_b)
    assert client.get(f"/espace-porteur/dossiers/{dossier.pk}/recepisse/").status_code == 404
    assert client.post(f"/espace-porteur/dossiers/{dossier.pk}/deposer/").status_code == 404
    assert client.post(f"/espace-porteur/dossiers/{dossier.pk}/retirer/", {"motif": "x"}).status_code == 404


def test_withdrawing_needs_a_reason_and_is_logged(client, porteuse, dossier):
    client.force_login(porteuse)
    client.post(f"/espace-porteur/dossiers/{dossier.pk}/deposer/")
    response = client.post(f"/espace-porteur/dossiers/{dossier.pk}/retirer/", {"motif": "  "})
    assert "Indiquez pourquoi vous retirez ce dossier." in response.content.decode()
    client.post(f"/espace-porteur/dossiers/{dossier.pk}/retirer/", {"motif": "Action financée ailleurs"})
    dossier.refresh_from_db()
    assert dossier.etat == EtatDossier.RETIRE
    assert dossier.transitions.last().motif == "Action financée ailleurs"


def test_a_dossier_in_instruction_can_no_longer_be_withdrawn_by_the_porteur(client, porteuse, dossier):
    dossier.etat = EtatDossier.EN_INSTRUCTION
    dossier.save()
    client.force_login(porteuse)
    response = client.post(f"/espace-porteur/dossiers/{dossier.pk}/retirer/", {"motif": "Changement de projet"})
    assert "déjà en cours d'instruction" in html.unescape(response.content.decode())
    dossier.refresh_from_db()
    assert dossier.etat == EtatDossier.EN_INSTRUCTION


def test_my_dossiers_lists_state_dates_and_amounts_per_financeur(client, porteuse, dossier):
    client.force_login(porteuse)
    content = client.get("/espace-porteur/").content.decode()
    assert dossier.intitule in content and "Brouillon" in content
    assert "Ville : 7\u00a0500,00\u00a0€" in content and "État : 5\u00a0000,00\u00a0€" in content
