"""A wizard step saved but not complete (unbalanced budget, missing answer) says so at once, next to its buttons and
totals, keeps the porteur on it, and stays marked « à compléter » until fixed."""

import pytest

from contratville.formatting import format_euros
from projets.factories import CampagneFactory, DossierFactory, FinanceurFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(porteur_a):
    return DossierFactory(porteur=porteur_a.porteurs.get(), campagne=CampagneFactory())


def _step(dossier, etape):
    return f"/espace-porteur/dossiers/{dossier.pk}/{etape}/"


def _budget(financeur, charges, subvention):
    return {"compte_64": charges, f"financeur_{financeur.pk}": subvention, "continuer": "1"}


def _badge_of(html, titre):
    debut = html.index(f">{titre}</a>")
    return html[debut : html.index("</li>", debut)]


def test_an_unbalanced_budget_is_saved_but_keeps_the_porteur_on_the_step_and_says_why(client, porteur_a, dossier):
    financeur = FinanceurFactory(nom="Ville")
    client.force_login(porteur_a)
    response = client.post(_step(dossier, "budget"), _budget(financeur, "12 000", "11 500"))
    assert response.status_code == 302 and response.url == _step(dossier, "budget") + "?enregistree=1"
    html = client.get(response.url).content.decode()
    assert dossier.lignes_budget.get().montant == 12000  # saved all the same
    box = html[html.index('id="manques-etape"') : html.index('id="etat-sauvegarde"')]
    assert "Étape enregistrée, mais pas complète" in box
    assert f"les charges ({format_euros(12000)}) dépassent les produits ({format_euros(11500)})" in box
    assert "Étape « Budget prévisionnel » enregistrée." not in html
    assert "à compléter" in _badge_of(html, "Budget prévisionnel")
    assert "Continuer sans compléter" in html


def test_a_balanced_budget_moves_on_to_the_next_step(client, porteur_a, dossier):
    financeur = FinanceurFactory(nom="Ville")
    client.force_login(porteur_a)
    response = client.post(_step(dossier, "budget"), _budget(financeur, "12 000", "12 000"), follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == _step(dossier, "pieces")
    assert "Étape « Budget prévisionnel » enregistrée." in html
    assert "complète" in _badge_of(html, "Budget prévisionnel")


def test_the_autosave_answers_what_the_step_still_lacks(client, porteur_a, dossier):
    financeur = FinanceurFactory(nom="Ville")
    client.force_login(porteur_a)
    data = _budget(financeur, "12 000", "11 500")
    manques = client.post(_step(dossier, "budget"), data, HTTP_X_AUTOSAVE="1").json()["manques"]
    assert len(manques) == 1 and "n'est pas équilibré" in manques[0]
    data[f"financeur_{financeur.pk}"] = "12 000"
    assert client.post(_step(dossier, "budget"), data, HTTP_X_AUTOSAVE="1").json()["manques"] == []


def test_any_step_saved_incomplete_keeps_the_porteur_on_it(client, porteur_a, dossier):
    client.force_login(porteur_a)
    data = {
        "intitule": "Jardin partagé",
        "objectifs": "Créer du lien.",
        "description": "Des parcelles.",
        "continuer": "1",
    }
    response = client.post(_step(dossier, "action"), data)
    assert response.url == _step(dossier, "action") + "?enregistree=1"
    html = client.get(response.url).content.decode()
    assert "Indiquez les dates de début et de fin de l&#x27;action." in html
