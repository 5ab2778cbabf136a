"""Names after « de » and « à » in pages and messages are elided and contracted: « les agents de l'État »,
« Documents des Jardins de Bégon », never « de État » or « de Les Jardins »."""

import html

import pytest

from projets.factories import PorteurFactory, PorteurMembreFactory, dossier_depose
from projets.services.instruction import manques_pour_proposer

pytestmark = pytest.mark.django_db


def texte(response) -> str:
    return html.unescape(response.content.decode())


def test_the_instruction_page_names_the_agents_of_the_state(client, instructeur, partenaire_cotech):
    dossier = dossier_depose()
    etat = dossier.lignes_financement.get(financeur__nom="État").financeur
    etat.agents.add(partenaire_cotech)
    client.force_login(instructeur)
    page = texte(client.get(dossier.get_instruction_url()))
    assert "Ligne instruite par les agents de l'État." in page
    assert "de État" not in page


def test_what_is_missing_before_the_copil_names_the_state_with_its_article():
    dossier = dossier_depose()
    assert "l'avis de l'État" in manques_pour_proposer(dossier)


def test_the_documents_page_of_a_structure_contracts_its_article(client):
    porteur = PorteurFactory(raison_sociale="Les Jardins de Bégon")
    membre = PorteurMembreFactory(porteur=porteur, est_gestionnaire=True)
    client.force_login(membre.user)
    page = texte(client.get(f"/espace-porteur/structures/{porteur.pk}/documents/"))
    assert "Documents des Jardins de Bégon" in page
    assert "Documents en vigueur des Jardins de Bégon" in page
    assert "de Les" not in page
