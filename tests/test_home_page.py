import datetime
from decimal import Decimal

import pytest

from projets.enums import EtatCampagne, EtatDossier
from projets.factories import CampagneFactory, DossierFactory, StatistiqueCampagneFactory

pytestmark = pytest.mark.django_db


def test_it_says_what_the_site_is_and_links_to_the_public_list_and_the_porteur_space(client):
    content = client.get("/").content.decode()
    assert "<h1>L'appel à projets du contrat de ville</h1>" in content
    assert 'href="/projets-finances/"' in content and 'href="/espace-porteur/"' in content
    assert "Aucun appel à projets n'est ouvert" in content
    assert 'lang="fr"' in content and 'href="#contenu"' in content


def test_it_shows_the_open_call_and_its_closing_date_in_local_time(client):
    CampagneFactory(annee=2031, date_cloture=datetime.datetime(2031, 1, 15, 22, 59, tzinfo=datetime.UTC))
    content = client.get("/").content.decode()
    assert "appel à projets 2031 est ouvert jusqu'au" in content
    assert "15 janvier 2031 à 23:59" in content


def test_a_call_in_preparation_is_not_announced(client):
    CampagneFactory(annee=2031, etat=EtatCampagne.PREPARATION)
    assert "Aucun appel à projets n'est ouvert" in client.get("/").content.decode()


def test_headline_figures_of_the_last_programmation(client):
    dossier = DossierFactory(etat=EtatDossier.RETENU, publie=True)
    StatistiqueCampagneFactory(campagne=dossier.campagne, nombre_finances=84, montant_vote=Decimal("1132366"))
    content = client.get("/").content.decode()
    assert "84 actions financées" in content
    assert "1\u00a0132\u00a0366\u00a0€" in content
