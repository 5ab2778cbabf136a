"""A step saved automatically while the porteur types costs the same number of queries however many dossiers and
lines the call holds (50 porteurs typing at once is bench/bench_porteurs.py's scenario)."""

import itertools
from decimal import Decimal

import pytest

from projets.factories import CampagneFactory, DossierFactory, FinanceurFactory, LigneFinancementFactory
from tests.helpers.queries import assert_constant_queries

pytestmark = pytest.mark.django_db
_rang = itertools.count()


def test_autosave_of_a_step_reads_in_constant_queries(client, porteur_a):
    campagne = CampagneFactory()
    dossier = DossierFactory(porteur=porteur_a.porteurs.get(), campagne=campagne, intitule="Jardin partagé")
    financeur = FinanceurFactory(nom="Ville")
    client.force_login(porteur_a)

    def enregistrer():
        response = client.post(
            f"/espace-porteur/dossiers/{dossier.pk}/action/",
            {"intitule": "Jardin partagé", "objectifs": f"Version {next(_rang)}"},
            HTTP_X_AUTOSAVE="1",
        )
        assert response.status_code == 200 and not response.json()["erreurs"]

    def autres_dossiers():
        for _ in range(5):
            autre = DossierFactory(campagne=campagne)
            LigneFinancementFactory(dossier=autre, financeur=financeur, montant_demande=Decimal("1000"))

    enregistrer()  # sessions and caches of a first request
    assert assert_constant_queries(enregistrer, autres_dossiers) <= 20  # 17 today
