"""Tasks sent once their transaction commits, and never lost when Redis is down (a transactional outbox).

`envoyer_apres_commit(tache, *args)` writes a TacheEnAttente row in the current transaction and, at commit, sends
the task to the broker and deletes the row. When the broker is unreachable the request goes on (the timeouts in
settings bound the wait to a few seconds) and the row stays. Waiting rows leave, oldest first:
- at the next commit whose task reaches the broker (the broker is back: the backlog follows it);
- every minute from Celery beat (contratville.tasks.envoyer_taches_en_attente) once Redis answers again;
- on demand: `manage.py envoyer_taches_en_attente`.

Delivery is at least once: a process killed between the broker's acknowledgement and the row's deletion sends
the task again later; the tasks are written to bear it (jobs are claimed, files overwritten).
With no broker (the embedded default, tests) the task runs in-process, as Celery's eager mode does: at commit,
or, when a request committed it, once that request's response is sent (request_finished: the WSGI server has
written the response and closes it), so that a deposit answers at once while its récépissé is rendered: in a
thread of its own (contratville/celery.py, settings.TACHES_EN_FOND_APRES_REPONSE), or in the same thread in tests,
which need the task done when the test client returns. Its row stays until it runs: a process stopped meanwhile
leaves it for `manage.py envoyer_taches_en_attente`.
"""

import logging

from django.db import transaction

from contratville.celery import app as celery_app
from contratville.celery import apres_la_reponse
from contratville.models import TacheEnAttente

logger = logging.getLogger(__name__)

# Sent after a commit whose own task went through: the backlog of an outage leaves by batches of this size.
LOT_APRES_COMMIT = 50


def envoyer_apres_commit(tache, *args) -> None:
    """Queue `tache(*args)` when the current transaction commits; its row commits (or rolls back) with it."""
    attente = TacheEnAttente.objects.create(tache=tache.name, arguments=list(args))
    if celery_app.conf.task_always_eager:
        # In-process: run at commit, or after the response of the request under way; errors propagate.
        transaction.on_commit(lambda: _executer_sur_place(attente.pk, tache, args))
    else:
        transaction.on_commit(lambda: envoyer(attente.pk) and vider(limite=LOT_APRES_COMMIT), robust=True)


def _executer_sur_place(pk: int, tache, args) -> None:
    def executer():
        if TacheEnAttente.objects.filter(pk=pk).delete()[0]:  # not run meanwhile by envoyer_taches_en_attente
            tache.delay(*args)

    # After the response of the request under way; now outside a request (a command, the shell, a test's service).
    if not apres_la_reponse(executer):
        executer()


def envoyer(pk: int) -> bool:
    """Send one waiting task to the broker and delete its row. False when the broker refused it (the row stays,
    with the error); True once sent, by this call or by another process meanwhile."""
    if celery_app.conf.task_always_eager:  # no broker: what waited runs here
        attente = TacheEnAttente.objects.filter(pk=pk).first()
        if attente and TacheEnAttente.objects.filter(pk=pk).delete()[0]:
            celery_app.loader.import_default_modules()  # the tasks of every app
            celery_app.tasks[attente.tache].apply(args=attente.arguments)
        return True
    with transaction.atomic():
        # Locked, and skipped when locked: two processes emptying the outbox never send the same row twice.
        attente = TacheEnAttente.objects.select_for_update(skip_locked=True).filter(pk=pk).first()
        if attente is None:
            return True
        try:
            # No result kept: the site reads its jobs' state from the database, never from Celery's results (and a
            # result subscription would wait for an absent Redis, then stay broken).
            celery_app.send_task(attente.tache, args=attente.arguments, ignore_result=True)
        except Exception as erreur:  # any refusal of the broker or of the result backend: try again later
            logger.warning("Tâche %s gardée en attente, le broker est injoignable : %r", attente, erreur)
            TacheEnAttente.objects.filter(pk=pk).update(tentatives=attente.tentatives + 1, derniere_erreur=str(erreur))
            return False
        attente.delete()
    return True


def vider(*, limite: int | None = None) -> int:
    """Send the waiting tasks, oldest first, until one is refused (the broker is still away); how many were sent."""
    envoyees = 0
    for pk in TacheEnAttente.objects.values_list("pk", flat=True)[:limite]:
        if not envoyer(pk):
            break
        envoyees += 1
    return envoyees
