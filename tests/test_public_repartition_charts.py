"""Charts per enjeu, financeur and quartier, each with its data table, with no inline style (CSP)."""

import pytest

from projets.services.publication import dossiers_publier
from tests.helpers.copil_clos import copil_clos
from tests.helpers.queries import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def copil(instructeur):
    copil = copil_clos()
    dossiers_publier(campagne=copil.campagne, by=instructeur)
    return copil


def test_each_chart_has_a_data_table(client, copil):
    content = client.get("/projets-finances/repartition/").content.decode()
    for titre in ["Par enjeu du contrat de ville", "Par financeur", "Par quartier"]:
        assert titre in content
    assert content.count("<table") == 3 and content.count('class="graphique" aria-hidden="true"') == 3
    assert "style=" not in content.split("<main", 1)[1]
    # Atelier emploi (13 000 €) under enjeu 2, Parents et école (4 300 €) under enjeu 2 too: its first axe is 2.2.
    assert 'Enjeu 2 : Emploi et insertion</th><td class="text-end">2</td><td class="text-end">17\u00a0300,00' in (
        content
    )
    # One action in two quartiers counts in each.
    assert 'Kennedy</th><td class="text-end">1</td>' in content
    assert 'Bourg-Neuf</th><td class="text-end">2</td>' in content


def test_the_charts_read_a_fixed_number_of_queries(client, copil):
    assert count_queries(lambda: client.get("/projets-finances/repartition/")) <= 10
