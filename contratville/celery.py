import logging
import os
import threading

from celery import Celery
from celery.schedules import crontab
from django.core.signals import request_finished, request_started

logger = logging.getLogger(__name__)

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


# The embedded default (no broker, tasks in-process): what a request queues runs once its response is sent, i.e.
# at request_finished, when the WSGI server has written the response and closes it (contratville/outbox.py).
_requete = threading.local()


def apres_la_reponse(action) -> bool:
    """Keep `action` for the end of the request this thread serves; False outside a request (run it now)."""
    actions = getattr(_requete, "actions", None)
    if actions is None:
        return False
    actions.append(action)
    return True


def _debut_de_requete(**kwargs) -> None:
    _requete.actions = []


def _fin_de_requete(**kwargs) -> None:
    from django.conf import settings

    actions, _requete.actions = getattr(_requete, "actions", None), None
    if not actions:
        return
    if settings.TACHES_EN_FOND_APRES_REPONSE:
        executer_en_fond(actions)
    else:  # tests: done when the test client returns, errors raised there
        for action in actions:
            action()


def executer_en_fond(actions) -> threading.Thread:
    """Run `actions` in a thread of their own, so that the server's thread serves the next request; errors logged."""
    from django.db import connections

    def executer():
        try:
            for action in actions:
                try:
                    action()
                except Exception:
                    logger.exception("Une tâche lancée après la réponse a échoué")
        finally:
            connections.close_all()  # this thread's own connections

    fil = threading.Thread(target=executer, name="taches-apres-reponse")
    fil.start()
    return fil


request_started.connect(_debut_de_requete, dispatch_uid="taches-debut-de-requete")
request_finished.connect(_fin_de_requete, dispatch_uid="taches-fin-de-requete")
