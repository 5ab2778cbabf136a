from django.apps import AppConfig


class ConseilCitoyenConfig(AppConfig):
    name = "conseil_citoyen"
    verbose_name = "conseil citoyen"
