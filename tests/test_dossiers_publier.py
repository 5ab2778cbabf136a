"""Publishing: only dossiers retained by a closed COPIL séance, by the service, from the admin too."""

import pytest
from django.core.exceptions import PermissionDenied

from projets.enums import EtatDossier, StatutSeance
from projets.factories import DossierFactory
from projets.models import Dossier
from projets.services.publication import dossiers_publier
from tests.helpers.copil_clos import copil_clos

pytestmark = pytest.mark.django_db


def test_retained_dossiers_of_a_closed_copil_are_published_and_the_history_says_who(instructeur):
    copil = copil_clos()
    hors_copil = DossierFactory(campagne=copil.campagne, etat=EtatDossier.RETENU)
    assert dossiers_publier(campagne=copil.campagne, by=instructeur) == 2
    publies = set(Dossier.objects.filter(publie=True).values_list("intitule", flat=True))
    assert publies == {"Atelier emploi", "Parents et école"}
    assert not Dossier.objects.get(pk=hors_copil.pk).publie
    assert copil.dossiers["retenu"].history.first().history_user == instructeur
    assert dossiers_publier(campagne=copil.campagne, by=instructeur) == 0  # idempotent


def test_nothing_is_published_while_the_seance_is_open(instructeur):
    copil = copil_clos()
    copil.seance.__class__.objects.filter(pk=copil.seance.pk).update(statut=StatutSeance.PREPARATION)
    assert dossiers_publier(campagne=copil.campagne, by=instructeur) == 0


def test_only_the_service_publishes(conseil_citoyen, porteur_a):
    copil = copil_clos()
    for user in (conseil_citoyen, porteur_a):
        with pytest.raises(PermissionDenied):
            dossiers_publier(campagne=copil.campagne, by=user)


def test_the_admin_action_publishes_the_ticked_publishable_dossiers(client, administrateur):
    copil = copil_clos()
    client.force_login(administrateur)
    coches = [copil.dossiers["retenu"].pk, copil.dossiers["refuse"].pk]
    response = client.post("/admin/projets/dossier/", {"action": "publier", "_selected_action": coches}, follow=True)
    content = response.content.decode()
    assert "1 action(s) publiée(s) sur le site." in content
    assert "1 dossier(s) coché(s) non publié(s)" in content
    assert set(Dossier.objects.filter(publie=True).values_list("intitule", flat=True)) == {"Atelier emploi"}
