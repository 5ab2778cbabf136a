"""Every step saves on its own, partially, and nothing typed is lost (errors, reloads, autosave)."""

import pytest

from enjeux.factories import QuartierFactory
from projets.factories import CampagneFactory, DossierFactory, FinanceurFactory
from projets.models import Dossier

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(porteur_a):
    return DossierFactory(porteur=porteur_a.porteurs.get(), campagne=CampagneFactory(), intitule="Jardin partagé")


def url(dossier, etape):
    return f"/espace-porteur/dossiers/{dossier.pk}/{etape}/"


def test_a_porteur_starts_a_dossier_for_the_open_call(client, porteur_a):
    campagne = CampagneFactory()
    client.force_login(porteur_a)
    response = client.post("/espace-porteur/dossiers/nouveau/", {"intitule": "Atelier vélo"})
    dossier = Dossier.objects.get(intitule="Atelier vélo")
    assert dossier.campagne == campagne and dossier.porteur == porteur_a.porteurs.get()
    assert response.url == url(dossier, "action")


def test_without_a_structure_the_porteur_is_asked_to_present_it_first(client, conseil_citoyen):
    CampagneFactory()
    client.force_login(conseil_citoyen)
    assert client.get("/espace-porteur/dossiers/nouveau/").url == "/espace-porteur/structures/nouvelle/"


def test_a_step_saves_what_is_valid_and_keeps_the_invalid_input_for_correction(client, porteur_a, dossier):
    client.force_login(porteur_a)
    response = client.post(
        url(dossier, "action"),
        {
            "intitule": "Jardin partagé",
            "objectifs": "Créer du lien",
            "date_debut": "2031-03-01",
            "date_fin": "n'importe",
        },
    )
    assert response.status_code == 200
    assert "Certaines valeurs sont à corriger" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.objectifs == "Créer du lien" and str(dossier.date_debut) == "2031-03-01"
    assert dossier.saisies_en_attente == {"action": {"date_fin": "n'importe"}}
    # A reload shows the wrong value again, with its error, instead of an empty field.
    content = client.get(url(dossier, "action")).content.decode()
    assert 'value="n\'importe"' in content or 'value="n&#x27;importe"' in content
    assert "Saisissez une date au format jj/mm/aaaa" in content


def test_correcting_the_value_clears_the_pending_input(client, porteur_a, dossier):
    client.force_login(porteur_a)
    client.post(url(dossier, "action"), {"date_fin": "demain"})
    client.post(url(dossier, "action"), {"date_fin": "2031-12-31"})
    dossier.refresh_from_db()
    assert dossier.saisies_en_attente == {} and str(dossier.date_fin) == "2031-12-31"


def test_autosave_answers_json_with_the_errors_per_field(client, porteur_a, dossier):
    client.force_login(porteur_a)
    response = client.post(url(dossier, "public"), {"public_nombre": "-4", "public_cible": "Familles"},
                           headers={"X-Autosave": "1"})  # fmt: skip
    body = response.json()
    assert response.status_code == 200
    assert list(body["erreurs"]) == ["public_nombre"]
    assert body["version"] and body["heure"]
    dossier.refresh_from_db()
    assert dossier.public_cible == "Familles"


def test_an_expired_session_during_autosave_is_a_redirect_not_an_error_page(client, dossier):
    response = client.post(url(dossier, "action"), {"intitule": "x"}, headers={"X-Autosave": "1"})
    assert response.status_code == 302 and "/compte/connexion/" in response.url


def test_quartiers_and_axes_are_limited_to_the_contract_of_the_call(client, porteur_a, dossier):
    autre = QuartierFactory()  # another contract's quartier
    client.force_login(porteur_a)
    client.post(url(dossier, "public"), {"quartiers": [autre.pk]})
    dossier.refresh_from_db()
    assert not dossier.quartiers.exists()
    assert "public" in dossier.saisies_en_attente


def test_budget_amounts_are_typed_the_french_way_and_totals_are_computed_on_the_server(client, porteur_a, dossier):
    ville = FinanceurFactory(nom="Ville de Test")
    client.force_login(porteur_a)
    client.post(
        url(dossier, "budget"), {"compte_64": "12 000,50", "compte_60": "1500", f"financeur_{ville.pk}": "13 500,50 €"}
    )
    assert dossier.lignes_budget.get(compte="64").montant == 12000.50
    assert dossier.lignes_financement.get(financeur=ville).montant_demande == 13500.50
    content = client.get(url(dossier, "budget")).content.decode()
    assert "Budget équilibré." in content
    assert 'value="12000,50"' in content


def test_a_negative_or_unreadable_amount_is_refused_next_to_its_field(client, porteur_a, dossier):
    client.force_login(porteur_a)
    response = client.post(url(dossier, "budget"), {"compte_64": "-5", "compte_60": "beaucoup"})
    content = response.content.decode()
    assert "Le montant ne peut pas être négatif." in content
    assert "Saisissez un montant en euros" in content
    assert 'value="beaucoup"' in content


def test_another_porteur_gets_404_on_every_step(client, porteur_b, dossier):
    client.force_login(porteur_b)
    for etape in ("action", "public", "orientations", "egalite", "budget", "pieces", "attestation"):
        assert client.get(url(dossier, etape)).status_code == 404
    assert client.post(url(dossier, "action"), {"intitule": "piraté"}).status_code == 404
