"""The measured server: gunicorn with 2 sync workers on loopback, production-like settings, a private Redis (cache
shared by the workers for the rate limits, broker for the tasks the requests queue), stopped at the end."""

import os
import pathlib
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

from bench import commun

BIN = pathlib.Path(sys.executable).parent


def port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Serveur:
    def __init__(self, url_base: str, *, workers: int = 2):
        self.url_base = url_base
        self.workers = workers
        self.port = port_libre()
        self.adresse = f"http://127.0.0.1:{self.port}"
        self.processus = []
        self.redis_port = None

    def environnement(self) -> dict[str, str]:
        env = {**os.environ, **commun.environnement(self.url_base), "DJANGO_SETTINGS_MODULE": "bench.reglages"}
        if self.redis_port:
            env["CACHE_URL"] = f"redis://127.0.0.1:{self.redis_port}/1"
            env["CELERY_BROKER_URL"] = f"redis://127.0.0.1:{self.redis_port}/0"
        env["PYTHONPATH"] = str(commun.RACINE)
        return env

    def __enter__(self):
        if shutil.which("redis-server"):
            self.redis_port = port_libre()
            self.processus.append(
                subprocess.Popen(
                    ["redis-server", "--port", str(self.redis_port), "--save", "", "--appendonly", "no"],
                    stdout=subprocess.DEVNULL,
                )
            )
        else:
            print("redis-server absent : cache local à chaque worker et tâches exécutées dans la requête.")
        journal = open(pathlib.Path(tempfile.gettempdir()) / "contratville-bench-gunicorn.log", "w")  # noqa: SIM115
        self.processus.append(
            subprocess.Popen(
                [
                    str(BIN / "gunicorn"),
                    "contratville.wsgi:application",
                    "--workers",
                    str(self.workers),
                    "--bind",
                    f"127.0.0.1:{self.port}",
                    "--chdir",
                    str(commun.RACINE),
                    "--timeout",
                    "120",
                    "--access-logfile",
                    "-" if os.environ.get("BENCH_ACCESS_LOG") else "/dev/null",
                ],  # fmt: skip
                env=self.environnement(),
                stdout=journal,
                stderr=subprocess.STDOUT,
            )
        )
        self._attendre()
        return self

    def _attendre(self):
        limite = time.monotonic() + 60
        while time.monotonic() < limite:
            try:
                urllib.request.urlopen(f"{self.adresse}/bench/reference/", timeout=5).read()
                return
            except OSError:
                time.sleep(0.3)
        self.__exit__()
        sys.exit(f"Le serveur gunicorn ne répond pas : voir {tempfile.gettempdir()}/contratville-bench-gunicorn.log")

    def pids_workers(self) -> list[int]:
        maitre = self.processus[-1].pid
        sortie = subprocess.run(["ps", "-o", "pid=", "--ppid", str(maitre)], capture_output=True, text=True)
        return [int(p) for p in sortie.stdout.split()]

    def profiler(self, nom: str, secondes: int) -> list[subprocess.Popen]:
        """py-spy on each worker for `secondes` (BENCH_PYSPY=1): collapsed stacks in the temporary folder, to
        find what limits a missed target (see bench/profil.py)."""
        if not os.environ.get("BENCH_PYSPY"):
            return []
        dossier = pathlib.Path(tempfile.gettempdir()) / "contratville-bench-profils"
        dossier.mkdir(exist_ok=True)
        return [
            subprocess.Popen(
                [
                    str(BIN / "py-spy"),
                    "record",
                    "--format",
                    "raw",
                    "--duration",
                    str(secondes),
                    "--pid",
                    str(pid),
                    "--output",
                    str(dossier / f"{nom}-{pid}.txt"),
                    "--nonblocking",
                ],  # fmt: skip
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for pid in self.pids_workers()
        ]

    def __exit__(self, *exc):
        for processus in reversed(self.processus):
            processus.terminate()
            try:
                processus.wait(timeout=20)
            except subprocess.TimeoutExpired:
                processus.kill()
        self.processus = []
