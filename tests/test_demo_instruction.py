"""The demo leaves something to instruct: a grille d'analyse, the État's delegate on the État lines, référents,
avis on the dossiers proposed to the COPIL, and every staff page of the open call renders."""

import io

import pytest
from django.core.management import call_command

from projets.demo import DEMO_PASSWORD
from projets.enums import EtatDossier
from projets.models import Campagne, Dossier
from tests.helpers.auth import se_connecter

pytestmark = pytest.mark.django_db


def test_demo_instruction_pages(referentiel, settings, client):
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())
    campagne = Campagne.objects.order_by("-annee").first()
    assert campagne.criteres_analyse.count() == 4
    assert campagne.seances.get(comite__type="cotech").examens.count() == instruits_count(campagne)
    assert campagne.partenaires_invites.filter(email="delegue.prefet@demo.contratville.fr").exists()
    instruits = campagne.dossiers.filter(etat=EtatDossier.INSTRUIT)
    assert instruits and all(ligne.avis for d in instruits for ligne in d.lignes_financement.all())

    for email in ("instructrice@demo.contratville.fr", "delegue.prefet@demo.contratville.fr"):
        assert se_connecter(client, email, DEMO_PASSWORD)
        assert client.get(f"/instruction/campagnes/{campagne.pk}/").status_code == 200
        for dossier in Dossier.objects.filter(campagne=campagne).exclude(etat=EtatDossier.BROUILLON)[:8]:
            assert client.get(dossier.get_instruction_url()).status_code == 200
    assert client.get("/instruction/mes-dossiers/").status_code == 200


def instruits_count(campagne):
    return campagne.dossiers.filter(etat=EtatDossier.INSTRUIT).count()
