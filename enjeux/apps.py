from django.apps import AppConfig


class EnjeuxConfig(AppConfig):
    name = "enjeux"
    verbose_name = "référentiel du contrat de ville"
