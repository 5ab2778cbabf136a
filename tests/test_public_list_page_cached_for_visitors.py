"""Anonymous visitors of the public list get the page from the cache (no query), until what it shows changes;
signed-in people always get their own rendering (their name is in the page)."""

from decimal import Decimal

import pytest

from comptes.factories import UserFactory
from projets.enums import EtatDossier
from projets.factories import CampagneFactory, DossierFactory, FinanceurFactory, LigneFinancementFactory
from tests.helpers.queries import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def campagne():
    campagne = CampagneFactory(annee=2031)
    dossier = DossierFactory(campagne=campagne, etat=EtatDossier.RETENU, publie=True, intitule="Jardin partagé")
    LigneFinancementFactory(dossier=dossier, financeur=FinanceurFactory(nom="Ville"), montant_vote=Decimal("1000"))
    return campagne


def test_visitors_get_the_cached_page(client, campagne):
    premiere = client.get("/projets-finances/")
    assert count_queries(lambda: client.get("/projets-finances/")) == 0
    assert client.get("/projets-finances/").content == premiere.content


def test_a_published_action_shows_at_once(client, campagne):
    client.get("/projets-finances/")
    DossierFactory(campagne=campagne, etat=EtatDossier.RETENU, publie=True, intitule="Atelier vélo")
    assert "Atelier vélo" in client.get("/projets-finances/").content.decode()


def test_signed_in_people_get_their_own_page(client, campagne):
    client.get("/projets-finances/")
    client.force_login(UserFactory(email="camille@example.org", first_name="Camille", last_name="Martin"))
    page = client.get("/projets-finances/").content.decode()
    assert "Camille Martin" in page
