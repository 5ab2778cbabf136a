"""The demo's conseil citoyen: a draw done before witnesses, both collèges seated, a meeting with quorum that
gave an avis and designated representatives, and the year's FPH."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from conseil_citoyen.models import ConseilCitoyen
from conseil_citoyen.selectors import composition
from conseil_citoyen.services import fph

pytestmark = pytest.mark.django_db


def test_demo_conseil_citoyen(referentiel, settings, client):
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())
    conseil = ConseilCitoyen.objects.get()

    tirage = conseil.tirages.get()
    assert tirage.graine and tirage.temoins.count() == 3
    assert tirage.personnes.filter(rang__isnull=False).count() == 32
    etat = composition(conseil=conseil)
    actifs = {college.type: n for college, n in etat.par_college}
    assert actifs["habitants"] >= 8 and actifs["associations"] == 5
    assert conseil.designations.count() == 3
    assert conseil.reunions.get().avis.count() == 1
    assert fph.fonds_solde(conseil.fonds.get()) == Decimal("4550")
    page = client.get(reverse("conseil_citoyen", args=[conseil.pk]))
    assert page.status_code == 200 and "Fête des voisins" in page.content.decode()
