"""The call for projects page, the legal and accessibility page, the sitemap, titles and descriptions."""

import io

import pytest
from django.core.management import call_command

from projets.selectors_public import dossiers_visibles_publiquement

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(referentiel, settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())


def test_the_call_page_shows_the_open_campagne_calendar_and_priorities(client, demo):
    content = client.get("/appel-a-projets/").content.decode()
    assert "Calendrier" in content and "Clôture des dépôts" in content and "Comité de pilotage" in content
    assert "Priorités opérationnelles" in content and "Priorités transversales" in content
    assert "lutter contre la précarité alimentaire et médicale" in content
    assert 'href="/espace-porteur/"' in content


def test_without_an_open_call_it_says_so(client):
    content = client.get("/appel-a-projets/").content.decode()
    assert "Aucun appel à projets n'est ouvert en ce moment." in content


def test_the_legal_page_has_the_accessibility_statement_and_is_linked_from_every_page(client):
    content = client.get("/mentions-legales/").content.decode()
    assert 'id="accessibilite"' in content and "non conforme" in content and "Défenseur des droits" in content
    assert 'href="/mentions-legales/#accessibilite"' in client.get("/projets-finances/").content.decode()


def test_the_sitemap_lists_public_pages_projects_and_porteurs(client, demo):
    content = client.get("/sitemap.xml").content.decode()
    assert "/projets-finances/" in content and "/appel-a-projets/" in content
    publies = dossiers_visibles_publiquement()
    assert content.count("/projets-finances/actions/") == publies.count() >= 47  # 2021, and the years after
    assert (
        content.count("/projets-finances/structures/") == publies.order_by().values("porteur").distinct().count() >= 26
    )
    assert "/instruction/" not in content and "/espace-porteur/dossiers" not in content


@pytest.mark.parametrize(
    "url",
    ["/projets-finances/", "/projets-finances/repartition/", "/appel-a-projets/", "/donnees/", "/mentions-legales/"],
)
def test_each_public_page_has_its_own_title_and_description(client, demo, url):
    content = client.get(url).content.decode()
    assert '<meta name="description" content="Appel à projets du contrat de ville : déposer' not in content
    assert "<title>Contrat de ville – Contrat de ville</title>" not in content
