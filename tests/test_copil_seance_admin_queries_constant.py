"""The COPIL séance page of the admin reads in a constant number of queries, at most 15, however many dossiers are
on its agenda (it listed 4 000 queries for 2 000 dossiers: each row's label read its séance and instance). Guards
what bench/bench_seance_admin.py measures. Beyond ORDRE_DU_JOUR_EN_LIGNE dossiers the agenda leaves the séance page
for its own paginated pages: both stay within the same bound."""

import pytest

from projets.admin_seances import ORDRE_DU_JOUR_EN_LIGNE
from projets.factories import ExamenFactory
from tests.helpers.copil import allonger_ordre_du_jour, dossier_instruit, seance_copil
from tests.helpers.queries import assert_constant_queries

pytestmark = pytest.mark.django_db
MAX_REQUETES = 15


def test_seance_page_reads_in_constant_queries(client, membre_copil, administrateur):
    scenario = seance_copil(secretaire=membre_copil, dossiers=2)
    seance = scenario.seance
    etat, ville = scenario.financeurs
    client.force_login(administrateur)
    url = f"/admin/projets/seance/{seance.pk}/change/"

    def afficher():
        assert client.get(url).status_code == 200

    def ajouter():
        dossier = dossier_instruit(campagne=seance.campagne, etat=etat, ville=ville)
        ExamenFactory(seance=seance, dossier=dossier, rang=seance.examens.count() + 1)

    afficher()  # content types and permissions are cached by the first request
    assert assert_constant_queries(afficher, ajouter) <= MAX_REQUETES


@pytest.mark.parametrize("page", ["change/", "ordre-du-jour/?page=2"])
def test_pages_of_a_long_agenda_read_in_constant_queries(client, membre_copil, administrateur, page):
    seance = seance_copil(secretaire=membre_copil, dossiers=2).seance
    allonger_ordre_du_jour(seance=seance, nombre=ORDRE_DU_JOUR_EN_LIGNE + 100)
    client.force_login(administrateur)
    url = f"/admin/projets/seance/{seance.pk}/{page}"

    def afficher():
        assert client.get(url).status_code == 200

    afficher()
    assert assert_constant_queries(afficher, lambda: allonger_ordre_du_jour(seance=seance, nombre=50)) <= MAX_REQUETES
