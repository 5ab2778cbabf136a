"""The suivi in the admin: every model listed with its history; what the services write is read-only."""

import pytest
from django.contrib import admin
from django.urls import reverse

from projets.enums import EtatDossier
from projets.models import Dossier
from suivi import factories
from suivi.models import Indicateur

pytestmark = pytest.mark.django_db

SUIVI_FACTORIES = [
    factories.EngagementAnnuelFactory,
    factories.VersementFactory,
    factories.SuiviActionFactory,
    factories.BilanLigneBudgetFactory,
    factories.BilanQuartierFactory,
    factories.BilanReponseEgaliteFactory,
    factories.RelanceFactory,
    factories.ValeurIndicateurFactory,
    factories.RapportFactory,
]


@pytest.fixture
def donnees():
    objets = [fabrique() for fabrique in SUIVI_FACTORIES]
    # The suivi follows funded actions: a never-deposited draft is its structure's alone, in the admin too.
    Dossier.objects.update(etat=EtatDossier.RETENU)
    return objets


def test_every_suivi_page_of_the_admin_renders_with_its_history(client, administrateur, donnees):
    client.force_login(administrateur)
    modeles = [m for m in admin.site._registry if m._meta.app_label == "suivi"]
    assert len(modeles) == 12
    for model in modeles:
        info = f"admin:suivi_{model._meta.model_name}"
        obj = model.objects.first()
        assert client.get(reverse(f"{info}_changelist")).status_code == 200, model
        assert client.get(reverse(f"{info}_change", args=[obj.pk])).status_code == 200, model
        if hasattr(admin.site._registry[model], "history_view"):
            assert client.get(reverse(f"{info}_history", args=[obj.pk])).status_code == 200, model


@pytest.mark.parametrize("modele", ["convention", "versement", "bilan", "suiviaction", "relance", "rapport"])
def test_what_the_services_write_cannot_be_added_changed_or_deleted_in_the_admin(
    client, administrateur, donnees, modele
):
    client.force_login(administrateur)
    model = next(m for m in admin.site._registry if m._meta.model_name == modele)
    obj = model.objects.first()
    assert client.get(reverse(f"admin:suivi_{modele}_add")).status_code == 403
    assert client.post(reverse(f"admin:suivi_{modele}_change", args=[obj.pk]), {}).status_code == 403
    assert client.post(reverse(f"admin:suivi_{modele}_delete", args=[obj.pk]), {"post": "yes"}).status_code == 403
    assert model.objects.filter(pk=obj.pk).exists()


def test_an_indicator_is_defined_in_the_admin(client, administrateur, referentiel):
    client.force_login(administrateur)
    response = client.post(
        reverse("admin:suivi_indicateur_add"),
        {
            "contrat": referentiel.pk,
            "libelle": "Nombre de marches exploratoires de femmes",
            "type": "nombre",
            "unite": "marches",
            "service": "DDCSPP",
            "actif": "on",
            "valeurs-TOTAL_FORMS": "0",
            "valeurs-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Indicateur.objects.get().history.first().history_user == administrateur
