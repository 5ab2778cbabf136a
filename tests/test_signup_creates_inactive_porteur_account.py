import re

import pytest
from django.core import mail

from comptes.models import User
from comptes.roles import Role
from tests.helpers.auth import se_connecter

pytestmark = pytest.mark.django_db

DONNEES = {
    "first_name": "Camille",
    "last_name": "Martin",
    "email": "camille.martin@asso.example",
    "password1": "Quartiers-en-fete-2031",
    "password2": "Quartiers-en-fete-2031",
}


def test_the_signup_page_is_french_with_one_h1_and_a_label_on_every_field(client):
    content = client.get("/compte/inscription/").content.decode()
    assert content.count("<h1") == 1 and "Créer un compte" in content
    for name, label in [
        ("first_name", "Prénom"),
        ("last_name", "Nom"),
        ("email", "Adresse électronique"),
        ("password1", "Mot de passe"),
        ("password2", "Confirmation du mot de passe"),
    ]:
        assert re.search(rf'<label\s+for="id_{name}"[^>]*>\s*{label}', content), name
    assert "porteuses et porteurs" in content


def test_signup_creates_an_inactive_porteur_account_and_mails_a_confirmation_link(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/compte/inscription/", DONNEES)

    assert response.status_code == 302 and response.url == "/compte/inscription/envoyee/"
    user = User.objects.get(email="camille.martin@asso.example")
    assert (user.first_name, user.last_name, user.username) == ("Camille", "Martin", user.email)
    assert not user.is_active
    assert user.check_password("Quartiers-en-fete-2031")
    assert list(user.groups.values_list("name", flat=True)) == [Role.PORTEUR]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["camille.martin@asso.example"]
    assert message.subject == "Contrat de ville : confirmez votre adresse électronique"
    assert "Bonjour Camille" in message.body and "valable trois jours" in message.body
    assert re.search(r"http://testserver/compte/confirmer/[\w-]+/[\w-]+/", message.body)


def test_the_confirmation_mail_leaves_only_once_the_account_is_saved(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post("/compte/inscription/", DONNEES)
    assert mail.outbox == []
    assert len(callbacks) == 1


def test_the_check_your_mail_page_says_what_to_do_next(client):
    response = client.post("/compte/inscription/", DONNEES, follow=True)
    content = response.content.decode()
    assert "Vérifiez votre messagerie" in content
    assert "/compte/confirmation/renvoyer/" in content


def test_an_unconfirmed_account_cannot_log_in(client):
    client.post("/compte/inscription/", DONNEES)
    assert not se_connecter(client, DONNEES["email"], DONNEES["password1"])
    assert client.get("/espace-porteur/").status_code == 302


def test_a_logged_in_user_going_to_signup_lands_in_the_porteur_space(client, porteur_a):
    client.force_login(porteur_a)
    response = client.get("/compte/inscription/")
    assert response.status_code == 302 and response.url == "/espace-porteur/"
