"""Chaos: Redis (the broker) is down when a porteur submits. The submission is saved and the porteur sees the usual
page, never an error, within seconds; the récépissé's task waits in the outbox (contratville/outbox.py) and
leaves once Redis is back, by the next commit or by the command, and the e-mail is sent exactly once.

A private redis-server on a free port is stopped and started: never the machine's shared one."""

import email
import email.header
import time

import pytest
import redis as redis_py
from django.core.management import call_command

from contratville.models import TacheEnAttente
from contratville.outbox import vider
from projets.enums import EtatDossier
from projets.factories import PorteurMembreFactory, dossier_pret_a_deposer
from tests.helpers.chaos import arreter, attendre, celery_vers, demarrer_worker, exiger_postgresql, redis_prive

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def redis():
    """A private Redis the test process sends its tasks to."""
    with redis_prive() as redis, celery_vers(redis.url):
        yield redis


def _deposer(client):
    """A porteuse submits a complete dossier; how long her request took."""
    dossier = dossier_pret_a_deposer()
    client.force_login(PorteurMembreFactory(porteur=dossier.porteur).user)
    debut = time.monotonic()
    response = client.post(f"/espace-porteur/dossiers/{dossier.pk}/deposer/", follow=True)
    duree = time.monotonic() - debut
    assert response.status_code == 200 and "Votre dossier est déposé" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.etat == EtatDossier.DEPOSE
    return dossier, duree


def _en_file(redis) -> int:
    """Messages waiting in the broker's default queue."""
    with redis_py.Redis(port=redis.port) as client:
        return client.llen("celery")


def test_a_submission_while_redis_is_down_is_saved_and_its_task_leaves_with_the_next_commit(client, redis):
    redis.arreter()

    dossier, duree = _deposer(client)

    assert duree < 10  # the broker's timeouts are bounded: the porteuse does not wait for Redis
    attente = TacheEnAttente.objects.get()
    assert (attente.tache, attente.arguments) == ("projets.tasks.send_recepisse", [dossier.depots.get().pk])
    assert attente.tentatives == 1 and attente.derniere_erreur
    assert vider() == 0 and TacheEnAttente.objects.count() == 1  # still down: kept

    redis.demarrer()
    autre, _ = _deposer(client)  # its task goes through, and takes the waiting one along

    assert not TacheEnAttente.objects.exists()
    assert _en_file(redis) == 2


@pytest.mark.worker
def test_the_recepisse_of_a_submission_made_while_redis_was_down_is_mailed_once_when_it_is_back(
    client, redis, private_media, tmp_path
):
    exiger_postgresql()
    redis.arreter()
    dossier, _ = _deposer(client)
    assert TacheEnAttente.objects.count() == 1

    redis.demarrer()
    boite = tmp_path / "mails"
    journal = tmp_path / "worker.log"
    worker = demarrer_worker(broker=redis.url, queue="celery", journal=journal, EMAIL_URL=f"filemail:///{boite}")
    try:
        call_command("envoyer_taches_en_attente")
        assert not TacheEnAttente.objects.exists()
        attendre(lambda: boite.exists() and any(boite.iterdir()), delai=60, pas=0.2, quoi="le récépissé envoyé")
        time.sleep(2)  # long enough for a duplicate to show up
        assert vider() == 0 and _en_file(redis) == 0
    finally:
        arreter(worker)

    messages = [
        email.message_from_string(texte)
        for fichier in boite.iterdir()
        for texte in fichier.read_text().split("-" * 79)
        if texte.strip()
    ]
    sujets = [str(email.header.make_header(email.header.decode_header(m["Subject"]))) for m in messages]
    assert sujets == [f"Dossier {dossier.numero} déposé : votre récépissé"], journal.read_text()
