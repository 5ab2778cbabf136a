"""After logging in, each role lands on the page it uses first, and the navigation shows what that role uses."""

import pytest
from django.urls import reverse

from conseil_citoyen.models import ConseilCitoyen

pytestmark = pytest.mark.django_db

LOGIN = "/compte/connexion/"


def _login(client, user, next_url=None):
    data = {"username": user.email, "password": "motdepasse-de-test"}
    if next_url:
        data["next"] = next_url
    return client.post(LOGIN, data)


@pytest.mark.parametrize(
    ("persona", "home"),
    [
        ("porteur_a", "/espace-porteur/"),
        ("instructeur", "/instruction/"),
        ("partenaire_cotech", "/instruction/"),
        ("membre_copil", "/admin/projets/seance/"),
        ("administrateur", "/suivi/"),
    ],
)
def test_each_role_lands_on_its_home_after_login(client, request, persona, home):
    user = request.getfixturevalue(persona)
    response = _login(client, user)
    assert response.status_code == 302 and response.url == home
    assert client.get(response.url).status_code == 200


def test_the_conseil_citoyen_lands_on_its_conseil_page(client, referentiel, conseil_citoyen):
    conseil = ConseilCitoyen.objects.get()
    response = _login(client, conseil_citoyen)
    assert response.url == reverse("conseil_citoyen", args=[conseil.pk])


def test_the_next_parameter_wins_over_the_home_of_the_role(client, instructeur):
    response = _login(client, instructeur, next_url="/suivi/conventions/")
    assert response.url == "/suivi/conventions/"


def test_a_staff_role_without_a_staff_account_lands_in_the_porteur_space(client, django_user_model):
    from comptes.factories import UserFactory
    from comptes.roles import Role

    user = UserFactory(roles=[Role.INSTRUCTEUR], is_staff=False)
    assert _login(client, user).url == "/espace-porteur/"


def _navigation(client):
    html = client.get("/").content.decode()
    return html[html.index('id="menu"') : html.index("</nav>")]


@pytest.mark.parametrize(
    ("persona", "shown", "hidden"),
    [
        ("porteur_a", ["Espace porteuses et porteurs", "Appel à projets"], ["Instruction", "Administration"]),
        ("instructeur", ["Instruction", "Mes dossiers", "Suivi", "Administration"], ["Espace porteuses"]),
        ("partenaire_cotech", ["Instruction"], ["Espace porteuses", "Administration", "Suivi"]),
        ("membre_copil", ["Séances du COPIL", "Instruction", "Suivi"], ["Espace porteuses"]),
        ("administrateur", ["Suivi", "Instruction", "Administration"], ["Espace porteuses"]),
    ],
)
def test_the_navigation_shows_what_the_role_uses(client, request, persona, shown, hidden):
    client.force_login(request.getfixturevalue(persona))
    menu = _navigation(client)
    for libelle in shown:
        assert f">{libelle}</a>" in menu
    for libelle in hidden:
        assert libelle not in menu


def test_visitors_see_the_public_pages_and_the_porteur_space(client):
    menu = _navigation(client)
    assert "Projets financés" in menu and "Espace porteuses et porteurs" in menu and "Se connecter" in menu
    assert "Instruction" not in menu
