"""Past a few hundred structures, the public list stops offering them in a select (thousands of options, a page
of 400 KB): the visitor is told to type the name in the search box, and ?porteur= keeps filtering."""

import pytest

from projets import selectors_public
from projets.enums import EtatDossier
from projets.factories import CampagneFactory, DossierFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def deux_structures():
    campagne = CampagneFactory(annee=2031)
    return [
        DossierFactory(campagne=campagne, etat=EtatDossier.RETENU, publie=True, intitule=f"Action {rang}")
        for rang in (1, 2)
    ]


def test_a_few_structures_are_listed(client, deux_structures):
    assert 'name="porteur"' in client.get("/projets-finances/").content.decode()


def test_too_many_structures_are_found_by_the_search_box(client, deux_structures, monkeypatch):
    monkeypatch.setattr(selectors_public, "PORTEURS_EN_LISTE_MAX", 1)
    page = client.get("/projets-finances/").content.decode()
    assert 'id="filtre-porteur"' not in page
    assert "tapez son nom dans « Rechercher »" in page
    filtree = client.get(f"/projets-finances/?porteur={deux_structures[1].porteur_id}").content.decode()
    assert "Action 2" in filtree and "Action 1" not in filtree
    assert f'<input type="hidden" name="porteur" value="{deux_structures[1].porteur_id}">' in filtree
