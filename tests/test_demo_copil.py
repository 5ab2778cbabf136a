"""The demo has a COPIL séance ready to run: seats convoked, the dossiers proposed to the COPIL on its agenda,
the elected member recused on the dossier of the association she sits for."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from projets.demo import DEMO_PASSWORD
from projets.enums import EtatDossier, TypeInstance
from projets.models import Campagne, DecisionLigne
from tests.helpers.auth import se_connecter

pytestmark = pytest.mark.django_db


def test_demo_copil_seance_is_ready_to_vote(referentiel, settings, client):
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())
    campagne = Campagne.objects.order_by("-annee").first()
    seance = campagne.seances.get(comite__type=TypeInstance.COPIL)
    instruits = campagne.dossiers.filter(etat=EtatDossier.INSTRUIT)

    assert seance.examens.count() == instruits.count() > 0
    lignes = DecisionLigne.objects.filter(seance=seance)
    assert lignes.count() == sum(d.lignes_financement.count() for d in instruits)
    assert seance.convocations.count() == 6  # 4 partners' seats and the conseil citoyen's 2 designated members
    assert seance.convocations.filter(membre__designation_cc__isnull=False).count() == 2
    recusation = seance.recusations.get()
    assert recusation.membre.user.email == "elu.copil@demo.contratville.fr"

    assert se_connecter(client, "elu.copil@demo.contratville.fr", DEMO_PASSWORD)
    page = client.get(reverse("admin:projets_seance_vote", args=[seance.pk])).content.decode()
    assert "Vous êtes déporté ou déportée : pas de vote sur ce dossier." in page
    assert client.get(reverse("admin:projets_seance_change", args=[seance.pk])).status_code == 200
