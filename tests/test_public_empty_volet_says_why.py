"""A volet that funds no action this year says why (the city's own text), instead of « Aucune action »."""

import io

import pytest
from django.core.management import call_command

from projets.models import Volet

pytestmark = pytest.mark.django_db


def test_the_empty_volet_shows_the_city_s_text(client, referentiel, settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())
    volet = Volet.objects.filter(campagne__annee=2021).exclude(texte_si_vide="").get()

    page = client.get(f"/projets-finances/?annee=2021&volet={volet.code}").content.decode()

    assert volet.texte_si_vide in page
    assert "Aucune action ne correspond" not in page
