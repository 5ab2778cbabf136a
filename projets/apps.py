from django.apps import AppConfig


class ProjetsConfig(AppConfig):
    name = "projets"
    verbose_name = "appels à projets et dossiers"

    def ready(self):
        from projets import cache_public

        cache_public.connecter()
