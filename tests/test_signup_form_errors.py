import re

import pytest
from django.core import mail

from comptes.models import User

pytestmark = pytest.mark.django_db

DONNEES = {
    "first_name": "Camille",
    "last_name": "Martin",
    "email": "camille.martin@asso.example",
    "password1": "Quartiers-en-fete-2031",
    "password2": "Quartiers-en-fete-2031",
}


def _post(client, **changes):
    response = client.post("/compte/inscription/", {**DONNEES, **changes})
    assert response.status_code == 200
    assert not User.objects.filter(email=DONNEES["email"]).exists()
    assert mail.outbox == []
    return response.content.decode()


def _error_of(content, field):
    """The error block crispy puts right under the field."""
    match = re.search(rf'<div id="id_{field}_error" class="invalid-feedback">(.*?)</div>', content, re.S)
    assert match, f"pas d'erreur sous le champ {field}"
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()


def test_each_missing_field_is_explained_in_french_under_it(client):
    content = _post(client, first_name="", last_name="", email="", password1="", password2="")
    assert _error_of(content, "first_name") == "Indiquez votre prénom."
    assert _error_of(content, "last_name") == "Indiquez votre nom."
    assert _error_of(content, "email") == "Indiquez une adresse électronique."
    assert _error_of(content, "password1") == "Choisissez un mot de passe."
    assert _error_of(content, "password2") == "Saisissez le mot de passe une seconde fois."


def test_an_invalid_address_says_how_it_is_written(client):
    content = _post(client, email="camille.martin")
    assert "elle s&#x27;écrit comme nom@exemple.fr" in _error_of(content, "email")


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("court-1", "Ce mot de passe est trop court"),
        ("qwerty123456", "Ce mot de passe est trop courant"),
        ("823749123847129", "Ce mot de passe est entièrement numérique"),
        ("camille.martin.asso", "Le mot de passe est trop semblable"),
    ],
)
def test_django_password_validators_refuse_weak_passwords_in_french(client, password, message):
    content = _post(client, password1=password, password2=password)
    assert message in _error_of(content, "password1")


def test_two_different_passwords_are_refused_under_the_confirmation(client):
    content = _post(client, password2="Quartiers-en-fete-2032")
    assert "Les deux mots de passe ne sont pas identiques" in _error_of(content, "password2")


def test_nothing_typed_is_lost_when_another_field_is_wrong(client):
    content = _post(client, first_name="")
    assert 'value="Martin"' in content
    assert 'value="camille.martin@asso.example"' in content
    assert content.count('value="Quartiers-en-fete-2031"') == 2


def test_a_refused_password_is_cleared_but_the_rest_is_kept(client):
    content = _post(client, password1="court-1", password2="court-1")
    assert 'value="court-1"' not in content
    assert 'value="Camille"' in content and 'value="camille.martin@asso.example"' in content
