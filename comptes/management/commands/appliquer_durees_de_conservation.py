"""Apply the retention periods of comptes/conservation.py; run daily (cron or Celery beat)."""

from django.core.management.base import BaseCommand

from comptes.conservation import appliquer


class Command(BaseCommand):
    help = "Supprime les données personnelles dont la durée de conservation est dépassée."

    def handle(self, *args, **options):
        for quoi, nombre in appliquer().items():
            self.stdout.write(f"{quoi} : {nombre} supprimé(s)")
