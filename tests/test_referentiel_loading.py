import io

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command

from enjeux.enums import TypeQuartier
from enjeux.models import AxeStrategique, Enjeu, Pilier, PrioriteTransversale, Quartier
from projets.enums import NatureFinancement
from projets.models import Campagne, Financeur

pytestmark = pytest.mark.django_db
FICHIER = settings.BASE_DIR / "enjeux/referentiels/blois.yaml"


def load(path=FICHIER) -> str:
    out = io.StringIO()
    call_command("load_referentiel", path, stdout=out)
    return out.getvalue()


def test_it_loads_the_five_enjeux_and_the_29_axes_with_their_exact_titles():
    load()
    source = yaml.safe_load(FICHIER.read_text(encoding="utf-8"))
    assert Enjeu.objects.count() == 5
    assert AxeStrategique.objects.count() == 29
    for enjeu in source["enjeux"]:
        titres = list(
            AxeStrategique.objects.filter(enjeu__numero=enjeu["n"]).order_by("numero").values_list("titre", flat=True)
        )
        assert titres == enjeu["axes"]
    assert AxeStrategique.objects.get(enjeu__numero=2, numero=2).titre == (
        "Développer les outils de l’Économie Sociale et Solidaire au service du développement local des quartiers "
        "prioritaires"
    )


def test_it_loads_piliers_priorities_quartiers_and_financeurs():
    load()
    assert list(Pilier.objects.values_list("code", flat=True)) == ["cohesion", "cadre_de_vie", "economie"]
    assert PrioriteTransversale.objects.count() == 3
    nord = Quartier.objects.get(nom="Quartiers Nord")
    assert nord.type == TypeQuartier.QPV and nord.population == 10880
    assert set(nord.sous_quartiers.values_list("nom", flat=True)) == {"Bégon", "Croix Chevalier", "Kennedy", "Coty"}
    assert Quartier.objects.get(nom="Vienne").actif is False
    assert Financeur.objects.count() == 19
    tdlh = Financeur.objects.get(nom="Terres de Loire Habitat")
    assert tdlh.nature == NatureFinancement.ABATTEMENT_TFPB and tdlh.alias == ["TDLH"] and tdlh.appel_a_projets
    assert Financeur.objects.get(nom="DDCSPP").codes_bop == ["163", "137", "104", "177"]


def test_it_loads_the_2021_call_with_its_priorities_and_volets():
    load()
    campagne = Campagne.objects.get(annee=2021)
    assert campagne.priorites_operationnelles.count() == 16
    assert campagne.priorites_transversales.count() == 9  # the list as the city wrote it, not "cinq"
    assert set(campagne.priorites_operationnelles.first().enjeux.values_list("numero", flat=True)) == {2, 3}
    assert campagne.volets.get(code="2.1").parent.code == "2"
    assert campagne.volets.get(code="5").texte_si_vide.startswith("Retrouvez prochainement")


def test_a_second_run_creates_and_changes_nothing():
    load()
    counts = [m.objects.count() for m in (Enjeu, AxeStrategique, Quartier, Financeur, Campagne)]
    output = load()
    assert "Rien à faire" in output
    assert [m.objects.count() for m in (Enjeu, AxeStrategique, Quartier, Financeur, Campagne)] == counts


def test_a_changed_title_is_updated_and_reported(tmp_path):
    load()
    edited = tmp_path / "edited.yaml"
    text = FICHIER.read_text(encoding="utf-8").replace("Mieux vivre son quartier", "Mieux vivre dans son quartier")
    edited.write_text(text, encoding="utf-8")
    output = load(edited)
    assert "mis à jour : 1 enjeux" in output
    assert Enjeu.objects.get(numero=5).titre == "Mieux vivre dans son quartier"
    assert Enjeu.objects.get(numero=5).history.count() == 2  # the change is in the admin history


def test_an_unreadable_file_gives_a_french_error(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Impossible de lire"):
        load(tmp_path / "absent.yaml")
