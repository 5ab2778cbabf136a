import pytest

from projets.enums import EtatDossier
from projets.factories import CampagneFactory, DossierFactory, VoletFactory
from tests.helpers.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def campagne():
    campagne = CampagneFactory(annee=2021)
    volet = VoletFactory(campagne=campagne, code="3", titre="animation sociale et culturelle")
    VoletFactory(campagne=campagne, code="3.1", titre="action culturelle", parent=volet)
    return campagne


def test_only_published_funded_actions_are_listed(client, campagne):
    sous_volet = campagne.volets.get(code="3.1")
    DossierFactory(campagne=campagne, volet=sous_volet, etat=EtatDossier.RETENU, publie=True, intitule="Cultur’hall")
    DossierFactory(campagne=campagne, volet=sous_volet, etat=EtatDossier.RETENU, publie=False, intitule="Non publié")
    DossierFactory(campagne=campagne, volet=sous_volet, etat=EtatDossier.DEPOSE, publie=True, intitule="Déposé")
    content = client.get("/projets-finances/").content.decode()
    assert "Cultur’hall" in content
    assert "Non publié" not in content and "Déposé" not in content
    assert "1 action\n" in content or "1 action<" in content


def test_the_page_runs_a_constant_number_of_queries(client, campagne):
    sous_volet = campagne.volets.get(code="3.1")

    def grow():
        DossierFactory(campagne=campagne, volet=sous_volet, etat=EtatDossier.RETENU, publie=True)

    grow()
    assert assert_constant_queries(lambda: client.get("/projets-finances/"), grow, times=5) <= 18


def test_without_any_programmation_it_says_so(client):
    assert "Aucune programmation n'a encore été publiée" in client.get("/projets-finances/").content.decode()


def test_the_year_is_written_without_a_thousands_separator(client, campagne):
    DossierFactory(campagne=campagne, volet=campagne.volets.get(code="3"), etat=EtatDossier.RETENU, publie=True)
    content = client.get("/projets-finances/").content.decode()
    assert "<h1>Les projets financés en 2021</h1>" in content
    assert "<title>Projets financés en 2021 – Contrat de ville</title>" in content


def test_the_default_year_is_the_last_programmation_and_others_are_selectable(client, campagne):
    DossierFactory(campagne=campagne, etat=EtatDossier.RETENU, publie=True, intitule="Action 2021")
    recente = CampagneFactory(contrat=campagne.contrat, annee=2023)
    DossierFactory(campagne=recente, etat=EtatDossier.EN_COURS, publie=True, intitule="Action 2023")
    assert "Action 2023" in client.get("/projets-finances/").content.decode()
    ancienne = client.get("/projets-finances/?annee=2021").content.decode()
    assert "Action 2021" in ancienne and "Action 2023" not in ancienne


def test_the_headline_says_how_many_actions_were_funded_when_only_some_are_published(client, campagne):
    DossierFactory(campagne=campagne, etat=EtatDossier.RETENU, publie=True)
    DossierFactory(campagne=campagne, etat=EtatDossier.EN_COURS, publie=False, intitule="Financée, non publiée")
    DossierFactory(campagne=campagne, etat=EtatDossier.NON_RETENU, publie=False)
    content = client.get("/projets-finances/").content.decode()
    assert "action publiée sur 2 financées" in content
    assert "Financée, non publiée" not in content
