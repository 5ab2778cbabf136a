from django.apps import AppConfig


class ContratvilleConfig(AppConfig):
    """Site-wide pieces: home page, template filters, loading helpers."""

    name = "contratville"
    verbose_name = "site"
