from django.apps import AppConfig


class ComptesConfig(AppConfig):
    name = "comptes"
    verbose_name = "comptes et rôles"

    def ready(self):
        from django.db.models.signals import post_migrate

        from comptes.roles import sync_roles_after_migrate

        post_migrate.connect(sync_roles_after_migrate, sender=self)
