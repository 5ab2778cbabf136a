"""The database out of reach (a restart, a failover): a French 503 page with Retry-After, never a stack trace.
Any other error keeps the 500 page. The real restart is in tests/test_chaos_postgresql_restarted.py."""

from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    return Client(raise_request_exception=False)  # as a browser gets it


@pytest.mark.parametrize(
    "erreur",
    [
        OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused'),
        InterfaceError("connection already closed"),
    ],
)
def test_a_database_out_of_reach_gives_a_french_503_to_try_again(client, erreur):
    with mock.patch("contratville.views.campagne_ouverte", side_effect=erreur):
        response = client.get("/")

    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    page = response.content.decode()
    assert "Service momentanément indisponible" in page and "Ce que vous aviez déjà enregistré est conservé" in page
    assert "Traceback" not in page and "5432" not in page and "connection" not in page


def test_a_database_lost_while_loading_the_signed_in_user_gives_the_503_too(client, porteur_a):
    client.force_login(porteur_a)
    with mock.patch(
        "django.contrib.sessions.backends.db.SessionStore.load", side_effect=OperationalError("server closed")
    ):
        response = client.get("/espace-porteur/")
    assert response.status_code == 503 and "Service momentanément indisponible" in response.content.decode()


def test_any_other_error_keeps_the_500_page(client):
    with mock.patch("contratville.views.campagne_ouverte", side_effect=ZeroDivisionError):
        response = client.get("/")
    assert response.status_code == 500
    assert "Une erreur est survenue" in response.content.decode() and "Retry-After" not in response
