import re

import pytest
from django.core import mail

from comptes.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/compte/confirmation/renvoyer/"


def test_the_resend_page_is_french_with_a_labelled_field(client):
    content = client.get(URL).content.decode()
    assert content.count("<h1") == 1 and "Recevoir un nouveau lien de confirmation" in content
    assert re.search(r'<label\s+for="id_email"[^>]*>\s*Adresse électronique', content)


def test_an_unconfirmed_account_receives_a_new_link_that_works(client, django_capture_on_commit_callbacks):
    user = UserFactory(email="pas.confirmee@asso.example", is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"email": "Pas.Confirmee@asso.example"})
    assert response.status_code == 302 and response.url == "/compte/confirmation/envoyee/"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [user.email]
    lien = re.search(r"https?://[^/]+(/compte/confirmer/\S+)", mail.outbox[0].body).group(1)
    assert client.get(lien).url == "/espace-porteur/"
    user.refresh_from_db()
    assert user.is_active


def test_unknown_and_confirmed_addresses_get_the_same_answer_and_no_mail(
    client, porteur_a, django_capture_on_commit_callbacks
):
    UserFactory(email="pas.confirmee@asso.example", is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        pages = [
            client.post(URL, {"email": email}, follow=True) for email in ("inconnue@asso.example", porteur_a.email)
        ]
        attendue = client.post(URL, {"email": "pas.confirmee@asso.example"}, follow=True)
    assert pages[0].content == pages[1].content == attendue.content
    assert "Si un compte en attente de confirmation existe avec cette adresse" in attendue.content.decode()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["pas.confirmee@asso.example"]


def test_a_malformed_address_is_explained_and_kept(client):
    response = client.post(URL, {"email": "pas-une-adresse"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "elle s&#x27;écrit comme nom@exemple.fr" in content
    assert 'value="pas-une-adresse"' in content
