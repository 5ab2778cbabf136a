"""The 2021 demo programmation as residents browse it: counts per volet and sous-volet as the city published."""

import io
import re

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(referentiel, settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())


def nombre_affiche(client, query: str) -> int:
    content = client.get(f"/projets-finances/?annee=2021&{query}").content.decode()
    titre = re.search(r'<h2 id="titre-resultats"[^>]*>\s*(\d+) actions?', content)
    assert titre, content
    return int(titre.group(1))


@pytest.mark.parametrize(
    ("volet", "attendu"), [("1", 2), ("2", 18), ("2.1", 4), ("2.3", 1), ("3", 16), ("3.1", 8), ("4", 11), ("4.2", 3)]
)
def test_each_volet_shows_its_published_actions(client, demo, volet, attendu):
    assert nombre_affiche(client, f"volet={volet}") == attendu


def test_the_year_shows_its_47_actions_over_several_pages(client, demo):
    content = client.get("/projets-finances/?annee=2021").content.decode()
    assert nombre_affiche(client, "") == 47
    assert "page 1 sur 3" in content
    assert "Les montants par action ne sont pas publiés pour cette programmation." in content


def test_the_volet_filter_lists_each_count(client, demo):
    content = client.get("/projets-finances/?annee=2021").content.decode()
    assert '<option value="2">2 : insertion professionnelle' in content
    assert re.search(r'<option value="3\.1">— 3\.1 : action culturelle \(8\)</option>', content)


def test_a_project_and_its_porteur_open_from_the_list(client, demo):
    content = client.get("/projets-finances/?annee=2021&volet=3.1").content.decode()
    projet_url = re.search(r'href="(/projets-finances/actions/\d+/)"', content).group(1)
    projet = client.get(projet_url)
    assert projet.status_code == 200
    porteur_url = re.search(r'href="(/projets-finances/structures/\d+/)"', projet.content.decode()).group(1)
    porteur = client.get(porteur_url).content.decode()
    assert "Ses actions financées" in porteur and "2021" in porteur
