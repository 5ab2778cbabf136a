"""Retention of the tirage au sort's source lists (personal data): once a draw is `--jours` days old, only the
people who answered stay. Run it daily (Celery beat or cron)."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from conseil_citoyen.models import TirageAuSort
from conseil_citoyen.services.tirage import tirage_purger


class Command(BaseCommand):
    help = "Purge les listes sources des tirages au sort effectués depuis plus de N jours."

    def add_arguments(self, parser):
        parser.add_argument("--jours", type=int, default=90, help="délai après le tirage (90 jours par défaut)")

    def handle(self, *args, jours, **options):
        limite = timezone.now() - datetime.timedelta(days=jours)
        tirages = TirageAuSort.objects.filter(effectue_le__lt=limite, purge_le__isnull=True)
        total = 0
        for tirage in tirages:
            total += tirage_purger(tirage=tirage)
            self.stdout.write(f"{tirage} : liste purgée.")
        self.stdout.write(self.style.SUCCESS(f"{total} personne(s) sans réponse supprimée(s)."))
