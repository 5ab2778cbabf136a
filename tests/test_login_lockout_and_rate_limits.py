"""Hostile users: repeated wrong passwords lock the account for this address (django-axes), forms that send
mail or create records are rate-limited (django-ratelimit); both answer in French. Every page carries a
Content-Security-Policy without unsafe-inline."""

import pytest
from django.urls import reverse

from tests.helpers.auth import se_connecter

pytestmark = pytest.mark.django_db


def test_five_wrong_passwords_lock_the_login_for_a_quarter_of_an_hour(client, porteur_a):
    for _ in range(4):
        reponse = client.post(reverse("login"), {"username": porteur_a.email, "password": "mauvais"})
        assert reponse.status_code == 200
    bloquee = client.post(reverse("login"), {"username": porteur_a.email, "password": "mauvais"})
    assert bloquee.status_code == 429
    assert "Connexion suspendue pour un quart d'heure" in bloquee.content.decode()
    # Even the right password is refused while locked.
    assert not se_connecter(client, porteur_a.email, "motdepasse-de-test")


def test_a_successful_login_resets_the_count(client, porteur_a):
    for _ in range(4):
        client.post(reverse("login"), {"username": porteur_a.email, "password": "mauvais"})
    assert se_connecter(client, porteur_a.email, "motdepasse-de-test")


@pytest.mark.parametrize(
    ("url", "donnees", "limite"),
    [
        ("comptes:signup", {"email": "x@exemple.fr"}, 10),
        ("comptes:confirmation_resend", {"email": "x@exemple.fr"}, 10),
        ("password_reset", {"email": "x@exemple.fr"}, 5),
    ],
)
def test_anonymous_forms_are_rate_limited_per_address(client, url, donnees, limite):
    for _ in range(limite):
        assert client.post(reverse(url), donnees).status_code != 429
    refus = client.post(reverse(url), donnees)
    assert refus.status_code == 429
    assert "Trop de demandes en peu de temps" in refus.content.decode()


def test_every_page_has_a_strict_content_security_policy(client):
    politique = client.get(reverse("accueil")).headers["Content-Security-Policy"]
    assert "script-src 'self'" in politique and "frame-ancestors 'none'" in politique
    assert "unsafe-inline" not in politique


def test_only_the_admin_accepts_inline_styles_and_no_page_inline_scripts(client, administrateur):
    client.force_login(administrateur)
    politique = client.get("/admin/").headers["Content-Security-Policy"]
    assert "style-src 'self' 'unsafe-inline'" in politique
    assert "script-src 'self';" in politique + ";"
