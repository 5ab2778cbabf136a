import io

import pytest
from django.core.management import call_command

from projets.enums import EtatDossier
from projets.models import Dossier, Porteur
from projets.selectors import volets_avec_actions

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(referentiel, settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())
    return referentiel


def test_the_47_actions_of_2021_come_from_26_porteurs_stored_once(demo):
    dossiers = Dossier.objects.filter(campagne__annee=2021)
    assert dossiers.count() == 47
    assert Porteur.objects.filter(dossiers__campagne__annee=2021).distinct().count() <= 26
    cidff = Porteur.objects.get(sigle="CIDFF 41")
    assert {"CIDFF41", "CIDFF"} <= set(cidff.alias)
    assert Porteur.objects.filter(raison_sociale__icontains="CIDFF").count() <= 1
    assert Porteur.objects.get(sigle="ACESM").dossiers.filter(campagne__annee=2021).count() == 2
    assert Porteur.objects.get(raison_sociale="Maison de Bégon").dossiers.filter(campagne__annee=2021).count() == 6


def test_titles_are_as_published_and_the_finished_ones_are_marked(demo):
    assert Dossier.objects.filter(campagne__annee=2021, intitule="Boutik’école").exists()
    assert Dossier.objects.filter(campagne__annee=2021, etat=EtatDossier.TERMINE).count() == 2
    assert not Dossier.objects.filter(campagne__annee=2021, intitule="").exists()


def test_volet_counts_match_the_published_page(demo):
    campagne = Dossier.objects.filter(campagne__annee=2021).first().campagne
    volets = {v.code: v for v in volets_avec_actions(campagne=campagne)}
    assert {code: v.nombre for code, v in volets.items()} == {"1": 2, "2": 18, "3": 16, "4": 11, "5": 0}
    sous_volets = {s.code: len(s.actions) for v in volets.values() for s in v.enfants}
    assert sous_volets == {"2.1": 4, "2.2": 8, "2.3": 1, "2.4": 5, "3.1": 8, "3.2": 8, "4.1": 7, "4.2": 3, "4.3": 1}


def test_the_open_call_has_a_few_dozen_dossiers_in_varied_states(demo):
    dossiers = Dossier.objects.exclude(campagne__annee=2021)
    assert 24 <= dossiers.count() <= 60
    assert dossiers.values("etat").distinct().count() >= 6
    assert dossiers.filter(reconduit_de__isnull=False).exists()
    assert all(d.axes.exists() for d in dossiers)


def test_loading_the_demo_twice_adds_nothing(demo):
    counts = (Dossier.objects.count(), Porteur.objects.count())
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert (Dossier.objects.count(), Porteur.objects.count()) == counts
    assert "porteuse@demo.contratville.fr" in out.getvalue()


def test_the_demo_is_refused_in_production(referentiel, settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError, match="refusées hors DEBUG"):
        call_command("load_demo", stdout=io.StringIO())
