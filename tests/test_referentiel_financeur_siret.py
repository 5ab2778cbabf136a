"""The référentiel carries each financeur's SIRET (the demo's are marked as demonstration values): checked with
INSEE's rule when loaded, and never wiping one the service typed in the admin."""

import io

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from stdnum.fr import siret

from projets.models import Financeur

pytestmark = pytest.mark.django_db
FICHIER = settings.BASE_DIR / "enjeux/referentiels/blois.yaml"


def charger(path) -> None:
    call_command("load_referentiel", path, stdout=io.StringIO())


def ecrire(tmp_path, data) -> str:
    fichier = tmp_path / "referentiel.yaml"
    fichier.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return fichier


def test_the_demo_gives_every_financeur_a_valid_siret_marked_as_a_demonstration_value():
    charger(FICHIER)
    financeurs = list(Financeur.objects.all())
    assert len(financeurs) == 19
    assert all(siret.is_valid(f.siret) for f in financeurs)
    assert len({f.siret for f in financeurs}) == 19
    assert all("SIRET de démonstration" in f.note for f in financeurs)


def test_an_invalid_siret_in_the_file_is_refused_with_a_french_message_and_nothing_is_loaded(tmp_path):
    data = yaml.safe_load(FICHIER.read_text(encoding="utf-8"))
    data["financeurs"]["appel_a_projets"][0]["siret"] = "36075983867565"
    with pytest.raises(CommandError, match="Ville de Blois.*clé de contrôle de son SIREN"):
        charger(ecrire(tmp_path, data))
    assert not Financeur.objects.exists()


def test_a_file_without_siret_keeps_the_one_typed_in_the_admin(tmp_path):
    charger(FICHIER)
    Financeur.objects.filter(nom="Agglopolys").update(siret="73282932000074")
    data = yaml.safe_load(FICHIER.read_text(encoding="utf-8"))
    data.pop("financeurs_siret_demonstration")
    for groupe in data["financeurs"].values():
        for financeur in groupe:
            financeur.pop("siret")
    charger(ecrire(tmp_path, data))
    agglopolys = Financeur.objects.get(nom="Agglopolys")
    assert agglopolys.siret == "73282932000074"
