"""Signing in the way people do, through the login form (django-axes counts the failures there)."""

from django.urls import reverse


def se_connecter(client, email: str, password: str) -> bool:
    client.post(reverse("login"), {"username": email, "password": password})
    return "_auth_user_id" in client.session
