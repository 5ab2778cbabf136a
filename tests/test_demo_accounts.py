import io

import pytest
from django.core.management import call_command

from comptes.roles import Role
from projets.demo import DEMO_PASSWORD
from tests.helpers.auth import se_connecter

pytestmark = pytest.mark.django_db


def test_make_run_prints_one_working_account_per_role(referentiel, settings, client):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    printed = out.getvalue()
    for role in (
        Role.PORTEUR,
        Role.INSTRUCTEUR,
        Role.PARTENAIRE_COTECH,
        Role.MEMBRE_COPIL,
        Role.CONSEIL_CITOYEN,
        Role.ADMINISTRATEUR,
    ):
        assert role in printed
    assert se_connecter(client, "instructrice@demo.contratville.fr", DEMO_PASSWORD)
    assert client.get("/admin/").status_code == 200
    assert se_connecter(client, "porteuse@demo.contratville.fr", DEMO_PASSWORD)
    assert "Maison de Bégon" in client.get("/espace-porteur/").content.decode()
