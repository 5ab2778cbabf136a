"""A project's page and its porteur's page: what residents read, in a constant number of queries."""

import datetime
from decimal import Decimal

import pytest

from enjeux.factories import QuartierFactory
from projets.enums import EtatDossier
from projets.factories import (
    CampagneFactory,
    DossierFactory,
    FinanceurFactory,
    LigneFinancementFactory,
    PorteurFactory,
    VoletFactory,
)
from tests.helpers.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def porteur():
    return PorteurFactory(raison_sociale="Maison de Bégon", presentation="Lieu de rencontres créé dans les années 70.")


@pytest.fixture
def dossier(porteur):
    campagne = CampagneFactory(annee=2031)
    volet = VoletFactory(campagne=campagne, code="3", titre="animation sociale et culturelle")
    sous_volet = VoletFactory(campagne=campagne, code="3.1", titre="action culturelle", parent=volet)
    dossier = DossierFactory(
        campagne=campagne,
        porteur=porteur,
        intitule="Cultur’hall",
        description="Quatre artistes dans quatre halls.",
        public_cible="Habitantes et habitants",
        age_min=10,
        age_max=25,
        volet=sous_volet,
        etat=EtatDossier.RETENU,
        publie=True,
        contact_public="Maison de Bégon, 02 54 00 00 00",
        date_debut=datetime.date(2031, 10, 1),
        date_fin=datetime.date(2031, 11, 30),
    )
    dossier.quartiers.set([QuartierFactory(contrat=campagne.contrat, nom="Quartiers Nord")])
    LigneFinancementFactory(dossier=dossier, financeur=FinanceurFactory(nom="Ville"), montant_vote=Decimal("9000"))
    LigneFinancementFactory(dossier=dossier, financeur=FinanceurFactory(nom="CAF"), montant_vote=Decimal("0"))
    return dossier


def test_the_project_page_shows_what_a_resident_needs(client, dossier):
    content = client.get(f"/projets-finances/actions/{dossier.pk}/").content.decode()
    assert "<title>Cultur’hall (2031) – Contrat de ville</title>" in content
    for attendu in [
        "Quatre artistes dans quatre halls.",
        "de 10 à 25 ans",
        "Quartiers Nord",
        "3.1&nbsp;: action culturelle",
        "3&nbsp;: animation sociale et culturelle",
        "du 1 octobre 2031 au 30 novembre 2031",
        "9\u00a0000,00\u00a0€",
        "Maison de Bégon, 02 54 00 00 00",
        f'href="/projets-finances/structures/{dossier.porteur_id}/"',
    ]:
        assert attendu in content, attendu
    assert "CAF" not in content  # a line voted at 0 is no funding


def test_the_porteur_page_shows_its_presentation_once_and_all_its_years(client, dossier, porteur):
    ancienne = DossierFactory(
        campagne=CampagneFactory(contrat=dossier.campagne.contrat, annee=2030),
        porteur=porteur,
        intitule="Festival 2030",
        etat=EtatDossier.TERMINE,
        publie=True,
    )
    DossierFactory(campagne=ancienne.campagne, porteur=porteur, intitule="Projet refusé", etat=EtatDossier.NON_RETENU)
    content = client.get(f"/projets-finances/structures/{porteur.pk}/").content.decode()
    assert content.count("Lieu de rencontres créé dans les années 70.") == 1
    assert "Cultur’hall" in content and "Festival 2030" in content and "Projet refusé" not in content
    assert content.index("2031") < content.index("2030")


def test_the_project_page_runs_a_constant_number_of_queries(client, dossier):
    def grow():
        LigneFinancementFactory(dossier=dossier, montant_vote=Decimal("100"))
        dossier.quartiers.add(QuartierFactory(contrat=dossier.campagne.contrat))

    assert assert_constant_queries(lambda: client.get(f"/projets-finances/actions/{dossier.pk}/"), grow) <= 6


def test_the_porteur_page_runs_a_constant_number_of_queries(client, dossier, porteur):
    def grow():
        autre = DossierFactory(campagne=dossier.campagne, porteur=porteur, etat=EtatDossier.RETENU, publie=True)
        LigneFinancementFactory(dossier=autre, montant_vote=Decimal("100"))

    assert assert_constant_queries(lambda: client.get(f"/projets-finances/structures/{porteur.pk}/"), grow) <= 7
