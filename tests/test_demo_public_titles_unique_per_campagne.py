"""Two actions of a year never share a title on the public site: the demo's untitled 2021 actions are named after
their porteur and volet, told apart by a precision when one porteur has several in a volet."""

import io

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.db.models.functions import Lower

from projets.demo import demo_dossier_intitule
from projets.models import Dossier, Porteur, Volet

pytestmark = pytest.mark.django_db


def test_the_demo_titles_are_unique_per_campagne(referentiel, settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())
    doublons = (
        Dossier.objects.values("campagne__annee", titre=Lower("intitule")).annotate(n=Count("pk")).filter(n__gt=1)
    )
    assert list(doublons) == []
    proximite = Dossier.objects.filter(campagne__annee=2021, porteur__raison_sociale="Quartiers proximité")
    assert "Quartiers proximité – médiation et accès aux droits : correspondants de nuit" in {
        d.intitule for d in proximite
    }


def test_a_derived_title_already_given_gets_a_number():
    porteur, volet = Porteur(raison_sociale="Quartiers proximité"), Volet(code="4.1", titre="médiation")
    pris = set()
    sans_titre = {"intitule": None}
    assert demo_dossier_intitule(sans_titre, porteur, volet, pris=pris) == "Quartiers proximité – médiation"
    assert demo_dossier_intitule(sans_titre, porteur, volet, pris=pris) == "Quartiers proximité – médiation (2)"
    assert demo_dossier_intitule({"intitule": "Ludo"}, porteur, volet, pris=pris) == "Ludo"
