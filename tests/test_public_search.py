"""Search on the funded projects: French full text on PostgreSQL, a plain "contains every word" on SQLite."""

import pytest
from django.db import connection

from projets.enums import EtatDossier
from projets.factories import CampagneFactory, DossierFactory, PorteurFactory
from projets.recherche import filtrer_par_recherche
from projets.selectors_public import dossiers_visibles_publiquement

pytestmark = pytest.mark.django_db

postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="recherche plein texte PostgreSQL")
sqlite = pytest.mark.skipif(connection.vendor == "postgresql", reason="repli SQLite")


@pytest.fixture
def actions():
    campagne = CampagneFactory(annee=2021)
    publie = {"campagne": campagne, "etat": EtatDossier.RETENU, "publie": True}
    return {
        "sante": DossierFactory(intitule="Atelier santé des femmes", description="Prévention et dépistage.", **publie),
        "sport": DossierFactory(intitule="Sport pour les jeunes", description="Football au city stade.", **publie),
        "brouillon": DossierFactory(
            campagne=campagne, intitule="Santé brouillon", etat=EtatDossier.BROUILLON, publie=True
        ),
        "porteur": DossierFactory(
            intitule="Permanences",
            description="Accueil.",
            porteur=PorteurFactory(raison_sociale="Planning familial"),
            **publie,
        ),  # fmt: skip
    }


def chercher(texte):
    return set(filtrer_par_recherche(dossiers_visibles_publiquement(), texte).values_list("intitule", flat=True))


def test_the_page_searches_only_published_actions(client, actions):
    content = client.get("/projets-finances/?q=santé").content.decode()
    assert "Atelier santé des femmes" in content
    assert "Santé brouillon" not in content and "Sport pour les jeunes" not in content


def test_the_porteur_name_is_searched_too(actions):
    assert chercher("planning") == {"Permanences"}


@postgresql
def test_postgresql_ignores_accents_and_stems_french_words(actions):
    assert chercher("sante") == {"Atelier santé des femmes"}
    assert chercher("SANTÉ") == {"Atelier santé des femmes"}
    assert chercher("jeune") == {"Sport pour les jeunes"}
    assert chercher("une femme") == {"Atelier santé des femmes"}  # stop word dropped, singular and plural stemmed
    assert chercher("santé -femmes") == set()  # web search syntax


@postgresql
def test_postgresql_uses_the_gin_index(actions):
    from projets.recherche import CONFIGURATION

    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE %s", ["%_recherche_gin"])
        assert {row[0] for row in cursor.fetchall()} == {"dossier_recherche_gin", "porteur_recherche_gin"}
        cursor.execute("SET enable_seqscan = off")
        sql, params = (
            filtrer_par_recherche(dossiers_visibles_publiquement(), "santé").values("pk").query.sql_with_params()
        )
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("SET enable_seqscan = on")
    assert "dossier_recherche_gin" in plan, plan
    assert CONFIGURATION in plan


@sqlite
def test_sqlite_finds_every_word_case_insensitively(actions):
    assert chercher("ATELIER femmes") == {"Atelier santé des femmes"}
    assert chercher("atelier football") == set()


def test_search_ignores_case_and_accents_on_sqlite_and_postgresql(actions):
    assert chercher("sante") == {"Atelier santé des femmes"}
    assert chercher("SANTÉ") == {"Atelier santé des femmes"}
    assert chercher("PREVENTION") == {"Atelier santé des femmes"}
    assert chercher("Santé  football") == set()


def test_search_reads_ligatures_as_their_letters_on_sqlite_and_postgresql(actions):
    choeur = actions["sport"].campagne
    DossierFactory(campagne=choeur, etat=EtatDossier.RETENU, publie=True, intitule="Chœur des habitantes")
    assert chercher("choeur") == {"Chœur des habitantes"}


def test_the_public_page_finds_an_accented_word_typed_without_its_accent(client, actions):
    content = client.get("/projets-finances/?q=sante").content.decode()
    assert "Atelier santé des femmes" in content and "Sport pour les jeunes" not in content
