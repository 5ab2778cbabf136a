"""While a report is being produced the reports page reloads itself through a static script (no inline script:
the CSP forbids it); once nothing runs, no script and no reload."""

import pytest
from django.urls import reverse

from projets.enums import StatutTravail
from suivi.factories import RapportFactory

pytestmark = pytest.mark.django_db
URL = reverse("suivi_rapports")


@pytest.mark.parametrize("statut", [StatutTravail.EN_ATTENTE, StatutTravail.EN_COURS])
def test_a_running_report_makes_the_page_reload_itself(client, instructeur, statut):
    RapportFactory(statut=statut)
    client.force_login(instructeur)
    reponse = client.get(URL)
    page = reponse.content.decode()
    assert 'data-actualiser="5"' in page and '<script src="/static/js/actualiser.js" defer></script>' in page
    assert "<script>" not in page and "unsafe-inline" not in reponse.get("Content-Security-Policy", "")


def test_nothing_running_nothing_reloads(client, instructeur):
    RapportFactory(statut=StatutTravail.REUSSI)
    client.force_login(instructeur)
    page = client.get(URL).content.decode()
    assert "data-actualiser" not in page and "actualiser.js" not in page
