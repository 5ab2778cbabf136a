from django.core.management.base import BaseCommand

from contratville.models import TacheEnAttente
from contratville.outbox import vider


class Command(BaseCommand):
    help = "Envoie au broker les tâches gardées en attente pendant une panne de Redis (les plus anciennes d'abord)."

    def handle(self, *args, **options):
        envoyees = vider()
        restantes = TacheEnAttente.objects.count()
        self.stdout.write(f"{envoyees} tâche(s) envoyée(s), {restantes} encore en attente.")
        if restantes:
            self.stderr.write("Le broker refuse encore des tâches : vérifiez Redis (CELERY_BROKER_URL).")
            raise SystemExit(1)
