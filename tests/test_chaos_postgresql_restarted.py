"""Chaos: PostgreSQL stops as after a crash and starts again while porteuses submit dossiers to a real server
(gunicorn, persistent connections). Every submission acknowledged is in the database afterwards; every other one
got the French 503 page with Retry-After, never a stack trace nor another error; the server recovers by itself.

A private PostgreSQL (initdb in a temporary folder, a free port) gets a copy of the test database: never the
machine's shared one."""

import http.client
import os
import queue
import secrets
import subprocess
import sys
import threading
import time
from dataclasses import dataclass

import psycopg
import pytest
from django.conf import settings
from django.test import Client

from projets.enums import EtatDossier
from projets.factories import PorteurMembreFactory, dossier_pret_a_deposer
from tests.helpers.chaos import arreter, attendre, exiger_postgresql, port_libre, postgres_prive, redis_prive
from tests.helpers.worker import database_url

pytestmark = pytest.mark.django_db(transaction=True)

DOSSIERS = 30
CLIENTS = 4
COUPURE = 1.5  # seconds PostgreSQL stays down
PAUSE = 0.2  # between two submissions of one client
PAUSE_APRES_503 = 0.5  # a porteuse waits a little more after the error page


@dataclass
class Reponse:
    dossier: int
    debut: float
    status: int
    location: str
    retry_after: str | None
    page: str


def _porteuses() -> list[tuple[int, str]]:
    """Complete dossiers of as many porteurs, each with a signed-in session: (dossier, session key)."""
    lots, campagne = [], None
    for _ in range(DOSSIERS):
        dossier = dossier_pret_a_deposer(**({"campagne": campagne} if campagne else {}))
        campagne = dossier.campagne
        client = Client()
        client.force_login(PorteurMembreFactory(porteur=dossier.porteur).user)
        lots.append((dossier.pk, client.cookies["sessionid"].value))
    return lots


def _copier_la_base(postgres) -> str:
    """The test database (schema, dossiers, sessions) copied into the private PostgreSQL."""
    subprocess.run(["psql", "-q", postgres.url("postgres"), "-c", "CREATE DATABASE app"], check=True)
    dump = subprocess.Popen(["pg_dump", "--no-owner", "--no-privileges", database_url()], stdout=subprocess.PIPE)
    subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", postgres.url("app")], stdin=dump.stdout, check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip
    dump.stdout.close()
    assert dump.wait() == 0
    return postgres.url("app")


def _serveur(base: str, broker: str, port: int, journal):
    env = {
        **os.environ,
        "DATABASE_URL": base,
        "CONN_MAX_AGE": "60",  # persistent connections, broken by the restart: the health checks replace them
        "CELERY_BROKER_URL": broker,
        "CELERY_RESULT_BACKEND": broker,
        "ALLOWED_HOSTS": "127.0.0.1",
        "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "LOG_LEVEL": "WARNING",
    }
    commande = [sys.executable, "-m", "gunicorn", "contratville.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2"]
    commande += ["-k", "gthread", "--threads", "2", "--timeout", "60"]
    return subprocess.Popen(commande, env=env, stdout=journal, stderr=subprocess.STDOUT, start_new_session=True,
                            cwd=settings.BASE_DIR)  # fmt: skip


def _soumettre(port: int, dossier: int, session: str) -> Reponse:
    jeton = secrets.token_hex(16)  # a CSRF secret, in the cookie and the header as a browser's script sends it
    debut = time.monotonic()
    connexion = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connexion.request(
            "POST",
            f"/espace-porteur/dossiers/{dossier}/deposer/",
            body="",
            headers={
                "Cookie": f"sessionid={session}; csrftoken={jeton}",
                "X-CSRFToken": jeton,
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )
        r = connexion.getresponse()
        page = r.read().decode()
        return Reponse(dossier, debut, r.status, r.getheader("Location") or "", r.getheader("Retry-After"), page)
    finally:
        connexion.close()


def _repond(port: int) -> bool:
    connexion = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connexion.request("GET", "/")
        return connexion.getresponse().status == 200
    except OSError:
        return False
    finally:
        connexion.close()


def test_acknowledged_submissions_survive_a_postgresql_restart_and_the_others_get_a_french_503(tmp_path, settings):
    exiger_postgresql()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast accounts, none signs in
    debut = time.monotonic()
    lots = _porteuses()
    print(f"{DOSSIERS} dossiers in {time.monotonic() - debut:.1f} s")
    with postgres_prive() as postgres, redis_prive() as redis, (tmp_path / "gunicorn.log").open("w") as journal:
        base = _copier_la_base(postgres)
        port = port_libre()
        serveur = _serveur(base, redis.url, port, journal)
        try:
            attendre(lambda: _repond(port), delai=60, pas=0.2, quoi="gunicorn")
            print(f"server up after {time.monotonic() - debut:.1f} s")
            a_deposer = queue.Queue()
            for lot in lots:
                a_deposer.put(lot)
            reponses: list[Reponse] = []

            def porteuse():
                while True:
                    try:
                        dossier, session = a_deposer.get_nowait()
                    except queue.Empty:
                        return
                    while True:  # after the error page she submits again, as the page invites her to
                        reponses.append(reponse := _soumettre(port, dossier, session))
                        if reponse.status != 503 or time.monotonic() > abandon:
                            break
                        time.sleep(PAUSE_APRES_503)
                    time.sleep(PAUSE)

            def acceptes(depuis=0.0):
                return [r for r in list(reponses) if r.location == "/espace-porteur/" and r.debut >= depuis]

            abandon = time.monotonic() + 120
            clients = [threading.Thread(target=porteuse) for _ in range(CLIENTS)]
            for client in clients:
                client.start()
            attendre(lambda: len(acceptes()) >= 8, delai=60, quoi="des dépôts avant la coupure")
            postgres.arreter("immediate")  # as a crash: open transactions lost, recovery from the WAL
            coupure = time.monotonic()
            time.sleep(COUPURE)
            postgres.demarrer()
            reprise = time.monotonic()
            attendre(lambda: len(acceptes(reprise)) >= 8 or a_deposer.empty(), delai=60, quoi="la reprise")
            while not a_deposer.empty():  # the others are not needed
                a_deposer.get_nowait()
            for client in clients:
                client.join(timeout=60)
        finally:
            arreter(serveur)

        with psycopg.connect(base) as connexion:
            deposes = {
                pk
                for (pk,) in connexion.execute(
                    "SELECT d.id FROM projets_dossier d JOIN projets_depot p ON p.dossier_id = d.id WHERE d.etat = %s",
                    [EtatDossier.DEPOSE.value],
                )
            }

    journal_serveur = (tmp_path / "gunicorn.log").read_text()
    succes = [r for r in reponses if r.status == 302 and r.location == "/espace-porteur/"]
    refus = [r for r in reponses if r.status == 503]
    # Submitted again after a 503 whose transaction had committed: sent back to the dossier, already submitted.
    deja = [r for r in reponses if r.status == 302 and r not in succes]
    assert {r.dossier for r in succes} <= deposes, "acknowledged submissions lost"
    assert {r.dossier for r in deja} <= deposes & {r.dossier for r in refus}
    assert refus, "the restart was not seen by any submission"
    assert len(succes) + len(refus) + len(deja) == len(reponses), journal_serveur[-3000:]
    for r in refus:
        assert r.retry_after == "10" and "Service momentanément indisponible" in r.page and "Traceback" not in r.page
    apres = [r.debut - reprise for r in succes if r.debut >= reprise]
    assert apres, "the server did not recover by itself after the restart"
    print(
        f"PostgreSQL restart: {len(reponses)} requests, {len(succes)} submissions acknowledged and all in the "
        f"database, {len(refus)} French 503 pages over {max(r.debut for r in refus) - min(r.debut for r in refus):.1f}"
        f" s, {len(deja)} found submitted on retry; PostgreSQL down {COUPURE} s plus its recovery "
        f"({reprise - coupure:.1f} s in all), first success {min(apres):.1f} s after it was ready"
    )
