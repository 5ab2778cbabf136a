"""The demo, loaded as `make run` loads it, publishes SCDL files with rows that validate: under the official
schema (frictionless) and under validata's extra rules (SIRET per INSEE with stdnum, idBeneficiaire or
rnaBeneficiaire)."""

import csv
import io
import json

import pytest
from django.core.management import call_command
from stdnum.fr import siret

from projets.models import Financeur
from projets.opendata import CHAMPS, ligne_depuis_json
from tests.helpers.scdl import erreurs_frictionless, erreurs_validata

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(referentiel, settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())


def test_every_demo_financeur_has_a_valid_siret_marked_as_a_demonstration_value(referentiel):
    financeurs = list(Financeur.objects.all())
    assert financeurs and all(siret.is_valid(f.siret) for f in financeurs)
    assert all("SIRET de démonstration" in f.note for f in financeurs)


def test_the_demo_csv_has_rows_and_validates_under_the_schema_and_validata_rules(client, demo, tmp_path):
    response = client.get("/donnees/subventions.csv")
    texte = b"".join(response.streaming_content).decode("utf-8")
    lignes = list(csv.DictReader(io.StringIO(texte)))

    assert len(lignes) > 0
    assert erreurs_frictionless(texte, tmp_path) == []
    assert erreurs_validata(lignes) == []


def test_the_demo_json_has_the_same_rows_and_they_validate(client, demo, tmp_path):
    csv_texte = b"".join(client.get("/donnees/subventions.csv").streaming_content).decode("utf-8")
    document = json.loads(b"".join(client.get("/donnees/subventions.json").streaming_content).decode("utf-8"))
    lignes = [ligne_depuis_json(objet) for objet in document["data"]]
    sortie = io.StringIO()
    writer = csv.DictWriter(sortie, fieldnames=CHAMPS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(lignes)

    assert len(lignes) == len(csv_texte.strip().splitlines()) - 1 > 0
    assert erreurs_frictionless(sortie.getvalue(), tmp_path) == []
    assert erreurs_validata(lignes) == []
