"""Lists annotated with a count or a sum keep their order: an aggregate (GROUP BY) drops the model's Meta.ordering,
so the instruction's campagnes came in creation order (2021, 2027, 2025) instead of newest first."""

import re

import pytest

from projets.factories import CampagneFactory
from suivi.factories import ConventionFactory
from suivi.selectors import conventions_list

pytestmark = pytest.mark.django_db


def test_the_instruction_lists_the_campagnes_newest_first(client, instructeur):
    for annee in (2021, 2027, 2025):
        CampagneFactory(annee=annee, libelle=f"Appel à projets {annee}")
    client.force_login(instructeur)
    html = client.get("/instruction/").content.decode()
    assert re.findall(r"Appel à projets (\d{4})", html) == ["2027", "2025", "2021"]


def test_the_conventions_are_listed_newest_first():
    for annee in (2021, 2027, 2025):
        ConventionFactory(annee_debut=annee, annee_fin=annee)
    assert [c.annee_debut for c in conventions_list()] == [2027, 2025, 2021]
