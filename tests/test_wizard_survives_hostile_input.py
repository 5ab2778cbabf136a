"""Hypothesis types hostile and random values into every step of the dossier wizard, as a form post and as an
autosave: never a 5xx, messages in French only, and the draft stays readable (every step renders again)."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from projets.etapes import ETAPES
from projets.factories import PorteurMembreFactory, dossier_pret_a_deposer
from projets.views.dossiers import _form_for

pytestmark = pytest.mark.django_db

HOSTILES = st.one_of(
    st.text(max_size=300),
    st.sampled_from(
        [
            "",
            " ",
            "\x00",
            "-1",
            "1e309",
            "NaN",
            "9" * 40,
            "1 000 000 000 000,999 €",
            "31/02/2027",
            "0000-00-00",
            "'; DROP TABLE projets_dossier; --",
            "<script>alert(1)</script>",
            "\u202e\ufeff\U0001f600",
            "x" * 20_000,
        ]
    ),
)
ANGLAIS = ("This field", "Enter a", "Ensure this", "Select a valid", "is not a valid")
ETAPES_FORMULAIRES = [e.slug for e in ETAPES if e.slug != "pieces"]


@pytest.fixture
def brouillon(client):
    dossier = dossier_pret_a_deposer()
    client.force_login(PorteurMembreFactory(porteur=dossier.porteur).user)
    return dossier


@pytest.mark.parametrize("etape", ETAPES_FORMULAIRES)
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_hostile_values_never_break_a_step(client, brouillon, etape, data):
    champs = list(_form_for(etape, brouillon).fields)
    saisie = {champ: data.draw(HOSTILES, label=champ) for champ in champs}
    url = reverse("dossier_etape", args=[brouillon.pk, etape])

    for entetes in ({}, {"X-Autosave": "1"}):
        reponse = client.post(url, saisie, headers=entetes)
        assert reponse.status_code < 500
        texte = reponse.content.decode()
        assert not any(mot in texte for mot in ANGLAIS), texte[:500]

    for autre in ETAPES:
        assert client.get(reverse("dossier_etape", args=[brouillon.pk, autre.slug])).status_code == 200
