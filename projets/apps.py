from django.apps import AppConfig


class ProjetsConfig(AppConfig):
    name = "projets"
    verbose_name = "appels à projets et dossiers"

    def ready(self):
        from django.db.backends.signals import connection_created

        from projets import cache_public
        from projets.recherche import enregistrer_sans_accents

        cache_public.connecter()
        connection_created.connect(enregistrer_sans_accents, dispatch_uid="cv_sans_accents")
