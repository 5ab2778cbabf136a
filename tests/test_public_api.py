"""The read-only JSON API and its OpenAPI description."""

import json
import re

import pytest
from django.urls import Resolver404, resolve

from projets.factories import fake_siret
from projets.services.publication import dossiers_publier
from tests.helpers.copil_clos import copil_clos

pytestmark = pytest.mark.django_db


@pytest.fixture
def copil(instructeur):
    copil = copil_clos()
    dossiers_publier(campagne=copil.campagne, by=instructeur)
    return copil


def test_the_list_has_the_published_projects_with_their_voted_amounts(client, copil):
    response = client.get("/api/v1/projets")
    assert response["Access-Control-Allow-Origin"] == "*"
    data = response.json()
    assert data["annee"] == 2031 and data["total"] == 2 and data["pages"] == 1
    assert data["montant_vote_annee"] == 9000 + 4000 + 2500 + 1800
    atelier = next(p for p in data["resultats"] if p["intitule"] == "Atelier emploi")
    assert {(f["financeur"], f["montant_vote"]) for f in atelier["financements"]} == {
        ("Ville de Blois", 9000.0),
        ("CAF de Loir-et-Cher", 4000.0),
    }
    assert atelier["axes"][0]["enjeu"]["numero"] == 2 and atelier["quartiers"] == ["Bourg-Neuf"]


def test_the_list_takes_the_page_filters(client, copil):
    kennedy = copil.dossiers["deux_axes"].quartiers.get(nom="Kennedy")
    data = client.get(f"/api/v1/projets?quartier={kennedy.pk}").json()
    assert [p["intitule"] for p in data["resultats"]] == ["Parents et école"]


def test_a_project_and_a_structure(client, copil):
    retenu = copil.dossiers["retenu"]
    projet = client.get(f"/api/v1/projets/{retenu.pk}").json()
    assert projet["numero"] == "CV-2031-0001" and projet["url"].endswith(f"/projets-finances/actions/{retenu.pk}/")
    structure = client.get(projet["porteur"]["url"]).json()
    assert {p["intitule"] for p in structure["projets"]} == {"Atelier emploi", "Parents et école"}
    assert "email" not in structure and "membres" not in structure
    assert client.get(f"/api/v1/projets/{copil.dossiers['refuse'].pk}").status_code == 404


def test_the_api_is_read_only(client, copil):
    assert client.post("/api/v1/projets", {}).status_code == 405


def test_the_openapi_document_describes_every_public_endpoint(client):
    document = client.get("/api/v1/openapi.json").json()
    assert document["openapi"].startswith("3.")
    for chemin in document["paths"]:
        url = re.sub(r"\{id\}", "1", chemin)
        try:
            resolve(url)
        except Resolver404:  # pragma: no cover - the failure message says which
            pytest.fail(f"{chemin} décrit mais absent des URL")
    text = json.dumps(document)
    for parametre in ["annee", "q", "volet", "enjeu", "axe", "quartier", "financeur", "type", "porteur", "page"]:
        assert f'"name": "{parametre}"' in text


def test_the_scdl_schema_copy_is_served(client):
    response = client.get("/donnees/schema-scdl-subventions.json")
    assert json.loads(b"".join(response.streaming_content))["version"] == "2.1.1"


def test_fake_siret_helper_is_valid():
    from projets.validators import siret_is_valid

    assert siret_is_valid(fake_siret())
