import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "contratville.settings")

app = Celery("contratville")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Periodic tasks, run by the beat service (docker-compose.yml).
app.conf.beat_schedule = {
    # Daily at 8:00: reminders of the bilans due and late (suivi/tasks.py).
    "relancer-bilans": {"task": "suivi.tasks.relancer_bilans", "schedule": crontab(hour=8, minute=0)},
    # Every minute: the tasks kept in the outbox while Redis was down (contratville/outbox.py).
    "envoyer-taches-en-attente": {"task": "contratville.tasks.envoyer_taches_en_attente", "schedule": 60.0},
}
