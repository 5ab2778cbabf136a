"""Every model is editable in the admin with its history: each list, add and history page renders."""

import pytest
from django.contrib import admin
from django.urls import reverse

from projets.enums import EtatDossier
from projets.factories import DossierFactory, LigneFinancementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(referentiel):
    # Deposited: a never-deposited draft has no admin page, not even for an administrateur.
    dossier = DossierFactory(campagne=referentiel.campagnes.get(), etat=EtatDossier.DEPOSE)
    LigneFinancementFactory(dossier=dossier)


def test_every_admin_list_add_and_history_page_renders(client, rf, administrateur, data):
    client.force_login(administrateur)
    request = rf.get("/")
    request.user = administrateur
    for model, model_admin in admin.site._registry.items():
        info = (model._meta.app_label, model._meta.model_name)
        assert client.get(reverse("admin:{}_{}_changelist".format(*info))).status_code == 200, info
        # Records written only by services (amendments, generated documents) have no add page.
        ajout = 200 if model_admin.has_add_permission(request) else 403
        assert client.get(reverse("admin:{}_{}_add".format(*info))).status_code == ajout, info
        obj = model.objects.first()
        if obj is not None and hasattr(model_admin, "history_view"):
            assert client.get(reverse("admin:{}_{}_history".format(*info), args=[obj.pk])).status_code == 200, info


def test_editing_an_axe_in_the_admin_is_recorded_in_its_history(client, administrateur, referentiel):
    from enjeux.models import AxeStrategique

    client.force_login(administrateur)
    axe = AxeStrategique.objects.get(enjeu__numero=5, numero=7)
    response = client.post(
        reverse("admin:enjeux_axestrategique_change", args=[axe.pk]),
        {
            "enjeu": axe.enjeu_id,
            "numero": 7,
            "titre": "Faciliter l’accès aux droits, aux soins et au sport",
            "piliers": [],
        },
    )
    assert response.status_code == 302
    last = axe.history.first()
    assert last.titre.endswith("au sport") and last.history_user == administrateur


def test_a_porteur_cannot_enter_the_admin(client, porteur_a):
    client.force_login(porteur_a)
    assert client.get("/admin/").status_code == 302


def test_the_partner_sees_dossiers_but_cannot_change_them(client, partenaire_cotech, data):
    client.force_login(partenaire_cotech)
    dossier = DossierFactory()
    assert client.get(reverse("admin:projets_dossier_changelist")).status_code == 200
    response = client.post(reverse("admin:projets_dossier_change", args=[dossier.pk]), {"intitule": "piraté"})
    assert response.status_code == 403


def test_the_admin_speaks_french_whatever_the_browser_language(client, administrateur):
    client.force_login(administrateur)
    response = client.get(reverse("admin:projets_dossier_changelist"), headers={"accept-language": "en-US,en;q=0.9"})
    assert "Sélectionnez" in response.content.decode()


def test_staff_see_what_the_porteur_submitted_read_only(client, administrateur):
    from projets.factories import PorteurMembreFactory, dossier_pret_a_deposer
    from projets.services.dossiers import dossier_submit

    dossier = dossier_pret_a_deposer()
    dossier_submit(dossier=dossier, by=PorteurMembreFactory(porteur=dossier.porteur).user)
    client.force_login(administrateur)
    content = client.get(reverse("admin:projets_dossier_change", args=[dossier.pk])).content.decode()
    for expected in ("64 – Charges de personnel", "Télécharger le récépissé", "Brouillon", "Déposé", "Q1."):
        assert expected in content, expected
    porteur_page = client.get(reverse("admin:projets_porteur_change", args=[dossier.porteur_id])).content.decode()
    assert "/telecharger/" in porteur_page
