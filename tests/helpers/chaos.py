"""Faults on purpose, for the chaos tests: a private Redis stopped and started again, Celery workers killed with -9,
a private PostgreSQL stopped as if it crashed.

Never the machine's shared Redis or PostgreSQL: every fault is done to a process the test started itself."""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from contratville.celery import app as celery_app
from tests.helpers.worker import database_url


def port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def attendre(condition, *, delai: float, pas: float = 0.05, quoi: str = "la condition"):
    """Poll `condition` until it returns something true; fail the test after `delai` seconds."""
    fin = time.monotonic() + delai
    while time.monotonic() < fin:
        if resultat := condition():
            return resultat
        time.sleep(pas)
    pytest.fail(f"{quoi} : toujours pas au bout de {delai} s")


def exiger_postgresql():
    """The workers share the test database: PostgreSQL only (skipped on SQLite, failed in CI)."""
    if connection.vendor != "postgresql":
        reason = "needs a PostgreSQL DATABASE_URL (the worker shares the test database)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)


class RedisPrive:
    """A redis-server of the test's own on a free port, no persistence: stopped, it forgets everything."""

    def __init__(self):
        self.port = port_libre()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def demarrer(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        attendre(self._repond, delai=10, quoi="redis-server")

    def arreter(self):
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    def _repond(self) -> bool:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
        return False


@contextlib.contextmanager
def redis_prive():
    redis = RedisPrive()
    redis.demarrer()
    try:
        yield redis
    finally:
        redis.arreter()


def demarrer_worker(*, broker: str, queue: str, journal: Path, **environnement) -> subprocess.Popen:
    """A prefork worker (one child) on the test database, in a process group of its own so that it can be killed
    whole. Its output goes to `journal` (a pipe nobody reads would block it)."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "CELERY_BROKER_URL": broker,
        "CELERY_RESULT_BACKEND": broker,
        **environnement,
    }
    commande = [sys.executable, "-m", "celery", "-A", "contratville", "worker", "--pool=prefork", "--concurrency=1"]
    commande += ["-Q", queue, "-l", "INFO", "--without-mingle", "--without-gossip", "--without-heartbeat"]
    with journal.open("a") as sortie:
        return subprocess.Popen(
            commande, env=env, stdout=sortie, stderr=subprocess.STDOUT, start_new_session=True, cwd=settings.BASE_DIR
        )


def tuer(worker: subprocess.Popen) -> None:
    """kill -9 of the worker's whole process group: the main process and its pool's children, no goodbye."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(worker.pid, signal.SIGKILL)
    worker.wait(timeout=10)


def arreter(worker: subprocess.Popen) -> None:
    """A warm shutdown (SIGTERM), then -9 if it lingers."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(worker.pid, signal.SIGTERM)
    try:
        worker.wait(timeout=20)
    except subprocess.TimeoutExpired:
        tuer(worker)


@contextlib.contextmanager
def celery_vers(url: str):
    """The test process's Celery app sends to `url` (broker and results) instead of running tasks in-process;
    back to what it had afterwards. Its cached connection pools are dropped both ways."""
    conf = celery_app.conf
    avant = (conf.broker_url, conf.result_backend, conf.task_always_eager)
    environnement = {nom: os.environ.get(nom) for nom in ("CELERY_BROKER_URL", "CELERY_RESULT_BACKEND")}

    def oublier_les_connexions():
        celery_app._pool = None
        celery_app.amqp._producer_pool = None
        celery_app._backend_cache = None
        celery_app._local = threading.local()

    conf.broker_url, conf.result_backend, conf.task_always_eager = url, url, False
    os.environ.update(dict.fromkeys(environnement, url))  # Celery reads these before its configuration
    oublier_les_connexions()
    try:
        yield
    finally:
        conf.broker_url, conf.result_backend, conf.task_always_eager = avant
        for nom, valeur in environnement.items():
            os.environ.pop(nom) if valeur is None else os.environ.update({nom: valeur})
        oublier_les_connexions()


def _binaire_postgresql(nom: str) -> str | None:
    """initdb and pg_ctl are not on Debian's PATH: the newest /usr/lib/postgresql/<version>/bin has them."""
    candidats = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{nom}"), key=lambda p: int(p.parts[-3]))
    return shutil.which(nom) or (str(candidats[-1]) if candidats else None)


class PostgresPrive:
    """A PostgreSQL cluster of the test's own (initdb in a temporary folder, a free port), stopped and started
    at will; as the postgres user when the tests run as root (PostgreSQL refuses root)."""

    def __init__(self):
        self.initdb, self.pg_ctl = _binaire_postgresql("initdb"), _binaire_postgresql("pg_ctl")
        if not (self.initdb and self.pg_ctl):
            reason = "needs PostgreSQL's initdb and pg_ctl"
            pytest.fail(reason) if os.environ.get("CI") else pytest.skip(reason)
        self.dossier = Path(tempfile.mkdtemp(prefix="chaos-pg-"))
        self.port = port_libre()
        self.en_tant_que = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.en_tant_que:
            shutil.chown(self.dossier, "postgres")

    def url(self, base: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{base}"

    def _lancer(self, *commande):
        subprocess.run([*self.en_tant_que, *commande], check=True, capture_output=True, timeout=120)

    def creer(self):
        self._lancer(self.initdb, "-D", str(self.dossier / "data"), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        self.demarrer()

    def demarrer(self):
        options = f"-p {self.port} -k {self.dossier} -c listen_addresses=127.0.0.1"
        journal = str(self.dossier / "postgresql.log")
        self._lancer(self.pg_ctl, "-D", str(self.dossier / "data"), "-o", options, "-l", journal, "-w", "start")

    def arreter(self, mode: str = "immediate"):
        """`immediate`: no goodbye to the clients, recovery from the WAL at the next start (as after a crash)."""
        self._lancer(self.pg_ctl, "-D", str(self.dossier / "data"), "-m", mode, "-w", "stop")

    def detruire(self):
        with contextlib.suppress(subprocess.CalledProcessError, subprocess.TimeoutExpired):
            self.arreter()
        shutil.rmtree(self.dossier, ignore_errors=True)


@contextlib.contextmanager
def postgres_prive():
    postgres = PostgresPrive()
    try:
        postgres.creer()
        yield postgres
    finally:
        postgres.detruire()
