"""What is public is the structure's name when the COPIL decided: a rename after the séance closes shows in the
porteur's space and to staff, never on the public site, the API, the SCDL files or the programmation."""

import csv
import io
import json

import pytest

from projets.factories import fake_siret
from projets.models import Dossier
from projets.selectors_programmation import programmation_campagne
from projets.services import copil
from projets.services.publication import dossiers_publier
from tests.helpers.copil import seance_copil

pytestmark = pytest.mark.django_db


@pytest.fixture
def renomme_apres_la_seance(membre_copil, instructeur):
    """One dossier retained by a closed séance and published, then its structure renamed."""
    scenario = seance_copil(secretaire=membre_copil, dossiers=1)
    for financeur in scenario.financeurs:
        financeur.siret = fake_siret()
        financeur.save()
    dossier = scenario.dossiers[0]
    dossier.porteur.raison_sociale = "Les Amis du quartier"
    dossier.porteur.save()
    copil.propositions_valider(seance=scenario.seance, dossiers=scenario.dossiers, by=membre_copil)
    copil.seance_clore(seance=scenario.seance, by=membre_copil)
    assert dossiers_publier(campagne=scenario.seance.campagne, by=instructeur) == 1

    dossier.porteur.raison_sociale = "Nouveau nom après le vote"
    dossier.porteur.save()
    return Dossier.objects.get(pk=dossier.pk)


def test_closing_the_seance_records_the_structure_name(renomme_apres_la_seance):
    assert renomme_apres_la_seance.porteur_nom_decision == "Les Amis du quartier"


def test_the_public_pages_keep_the_name_at_the_decision(client, renomme_apres_la_seance):
    dossier = renomme_apres_la_seance
    pages = [
        client.get(f"/projets-finances/?annee={dossier.campagne.annee}"),
        client.get(f"/projets-finances/actions/{dossier.pk}/"),
        client.get(f"/projets-finances/structures/{dossier.porteur_id}/"),
    ]
    for page in pages:
        contenu = page.content.decode()
        assert page.status_code == 200
        assert "Les Amis du quartier" in contenu and "Nouveau nom après le vote" not in contenu


def test_the_api_keeps_the_name_at_the_decision(client, renomme_apres_la_seance):
    dossier = renomme_apres_la_seance
    projets = client.get(f"/api/v1/projets?annee={dossier.campagne.annee}").json()["resultats"]
    structure = client.get(f"/api/v1/structures/{dossier.porteur_id}").json()
    assert [p["porteur"]["raison_sociale"] for p in projets] == ["Les Amis du quartier"]
    assert structure["raison_sociale"] == "Les Amis du quartier"
    assert {p["porteur"]["raison_sociale"] for p in structure["projets"]} == {"Les Amis du quartier"}


def test_the_scdl_files_keep_the_name_at_the_decision(client, renomme_apres_la_seance):
    texte = b"".join(client.get("/donnees/subventions.csv").streaming_content).decode()
    document = json.loads(b"".join(client.get("/donnees/subventions.json").streaming_content))
    assert {ligne["nomBeneficiaire"] for ligne in csv.DictReader(io.StringIO(texte))} == {"Les Amis du quartier"}
    assert {ligne["nomBeneficiaire"] for ligne in document["data"]} == {"Les Amis du quartier"}


def test_the_programmation_keeps_the_name_at_the_decision(renomme_apres_la_seance):
    document = programmation_campagne(campagne=renomme_apres_la_seance.campagne)
    noms = [dossier.porteur for enjeu in document.tableau for axe in enjeu.axes for dossier in axe.dossiers]
    assert noms == ["Les Amis du quartier"]


def test_the_porteur_and_the_staff_see_the_new_name(client, instructeur, renomme_apres_la_seance):
    client.force_login(instructeur)
    page = client.get(renomme_apres_la_seance.get_instruction_url()).content.decode()
    assert "Nouveau nom après le vote" in page
