"""The COPIL séance page of the admin reads in a constant number of queries, at most 15, however many dossiers are
on its agenda (it listed 4 000 queries for 2 000 dossiers: each row's label read its séance and instance). Guards
what bench/bench_seance_admin.py measures."""

import pytest

from projets.factories import ExamenFactory
from tests.helpers.copil import dossier_instruit, seance_copil
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
