"""The public list (page 1, filtered, full-text search) renders in a constant number of queries, at most 10, however
many actions, lines, porteurs and pages the year has; its headline figures and filter options come from the cache
(and the whole page too for the next anonymous visitors, projets/cache_public.py).
Guards what bench/bench_liste_publique.py measures at national scale."""

import itertools
from decimal import Decimal

import pytest

from enjeux.factories import QuartierFactory
from projets.enums import EtatDossier
from projets.factories import CampagneFactory, DossierFactory, FinanceurFactory, LigneFinancementFactory, VoletFactory
from tests.helpers.queries import count_queries

pytestmark = pytest.mark.django_db
MAX_REQUETES = 10
_rang = itertools.count()


@pytest.fixture
def annee():
    campagne = CampagneFactory(annee=2031)
    volet = VoletFactory(campagne=campagne, code="2", titre="insertion")
    financeurs = [FinanceurFactory(nom="Ville"), FinanceurFactory(nom="État")]
    quartier = QuartierFactory(contrat=campagne.contrat)

    def ajouter():
        for _ in range(12):  # more than a page
            dossier = DossierFactory(
                campagne=campagne, etat=EtatDossier.RETENU, publie=True, volet=volet,
                intitule=f"Soutien scolaire n° {next(_rang)}",
            )  # fmt: skip
            dossier.quartiers.set([quartier])
            for financeur in financeurs:
                LigneFinancementFactory(dossier=dossier, financeur=financeur, montant_vote=Decimal("1000"))

    ajouter()
    return {"ajouter": ajouter, "financeur": financeurs[0], "quartier": quartier}


@pytest.mark.parametrize(
    "requete",
    ["", "volet=2&financeur={financeur}&quartier={quartier}", "q=soutien+scolaire", "page=2"],
    ids=["page 1", "filtrée", "recherche", "page 2"],
)
def test_public_list_reads_in_constant_queries(client, annee, requete):
    url = "/projets-finances/?" + requete.format(financeur=annee["financeur"].pk, quartier=annee["quartier"].pk)

    def afficher():
        client.get(url)  # the first visitor after a change fills the cache of the figures and filters
        # A parameter no filter reads: a new URL, so the page itself is rendered, not served from its cache.
        return count_queries(lambda: client.get(f"{url}&rendu={next(_rang)}"))

    avant = afficher()
    for _ in range(3):
        annee["ajouter"]()
    assert afficher() == avant <= MAX_REQUETES
