"""Bilan reminders from Celery beat: before the due date, then late; each step once; none once filed or
for a cancelled action."""

import datetime

import pytest
from django.core import mail

from contratville.celery import app
from suivi.enums import PalierRelance
from suivi.models import Relance
from suivi.services.actions import action_cancel
from suivi.services.bilans import bilan_open
from suivi.services.relances import relances_send
from suivi.tasks import relancer_bilans
from tests.helpers.suivi import dossier_en_cours

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(membre_copil, instructeur, porteur_a):
    return dossier_en_cours(membre_copil=membre_copil, instructeur=instructeur, porteuse=porteur_a)


def test_the_beat_runs_the_reminders_every_day():
    assert app.conf.beat_schedule["relancer-bilans"]["task"] == relancer_bilans.name


def test_reminders_before_and_after_the_due_date_each_once(dossier, django_capture_on_commit_callbacks):
    echeance = bilan_open(dossier=dossier).date_limite
    jours = [-40, -30, -29, -7, 1, 2, 15, 30, 31]
    with django_capture_on_commit_callbacks(execute=True):
        for jour in jours:
            relances_send(today=echeance + datetime.timedelta(days=jour))
    assert list(Relance.objects.order_by("envoyee_le").values_list("palier", flat=True)) == [
        PalierRelance.AVANT_30, PalierRelance.AVANT_7, PalierRelance.APRES_1, PalierRelance.APRES_15,
        PalierRelance.APRES_30,
    ]  # fmt: skip
    assert len(mail.outbox) == 5
    assert "à déposer avant le" in mail.outbox[0].body and "en retard" in mail.outbox[-1].subject


def test_no_reminder_for_a_cancelled_action(dossier, instructeur):
    echeance = bilan_open(dossier=dossier).date_limite
    action_cancel(dossier=dossier, le=datetime.date.today(), motif="Salle indisponible toute l'année.", by=instructeur)
    assert relances_send(today=echeance + datetime.timedelta(days=5)) == []
