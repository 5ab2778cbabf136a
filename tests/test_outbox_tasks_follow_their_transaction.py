"""The outbox (contratville/outbox.py): a task is written with the change that needs it and leaves at commit;
a rolled-back change sends nothing; what waits leaves, oldest first, once the broker answers."""

from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction

from contratville.models import TacheEnAttente
from contratville.outbox import envoyer_apres_commit, vider
from projets.tasks import send_notification

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_task_leaves_at_commit_and_its_row_is_gone():
    with transaction.atomic():
        envoyer_apres_commit(send_notification, "Sujet", "Corps", ["a@exemple.fr"])
        assert TacheEnAttente.objects.count() == 1 and mail.outbox == []  # not before the commit

    assert [m.subject for m in mail.outbox] == ["Sujet"]
    assert not TacheEnAttente.objects.exists()


def test_a_rolled_back_change_sends_nothing():
    with pytest.raises(ValueError), transaction.atomic():
        envoyer_apres_commit(send_notification, "Sujet", "Corps", ["a@exemple.fr"])
        raise ValueError("the change fails after asking for its task")

    assert mail.outbox == [] and not TacheEnAttente.objects.exists()


def test_waiting_tasks_leave_oldest_first_and_stop_at_the_first_refusal(celery_in_process):
    from contratville.celery import app

    for numero in range(3):
        TacheEnAttente.objects.create(tache="projets.tasks.send_notification", arguments=[str(numero), "", ["a@x.fr"]])
    app.conf.task_always_eager = False  # a broker that refuses the second one
    with mock.patch.object(app, "send_task", side_effect=[None, ConnectionRefusedError("redis"), None]) as envoi:
        assert vider() == 1
    assert [c.kwargs["args"][0] for c in envoi.call_args_list] == ["0", "1"]
    restantes = [(t.arguments[0], t.tentatives) for t in TacheEnAttente.objects.all()]
    assert restantes == [("1", 1), ("2", 0)]

    app.conf.task_always_eager = True  # no broker at all: the command runs them here
    call_command("envoyer_taches_en_attente")
    assert [m.subject for m in mail.outbox] == ["1", "2"] and not TacheEnAttente.objects.exists()
