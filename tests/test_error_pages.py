import pytest

pytestmark = pytest.mark.django_db


def test_a_missing_page_answers_in_french(client):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404 and "Page introuvable" in response.content.decode()


def test_a_forbidden_page_says_why_in_french(client, porteur_a):
    client.force_login(porteur_a)
    response = client.get("/instruction/")
    assert response.status_code == 403
    assert "réservée aux équipes qui instruisent les dossiers" in response.content.decode()
