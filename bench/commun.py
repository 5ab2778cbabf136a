"""What the benchmarks share: the database they use, the production-like environment of the server they measure,
and the shapes of the generated data set.

The benchmarks never touch the working database: they use DATABASE_URL when it points to PostgreSQL, else a
local database `contratville_bench` (created by bench/generate.py, kept between runs for the same seed and size).
"""

import os
import pathlib
import sys
import tempfile
from urllib.parse import urlsplit, urlunsplit

RACINE = pathlib.Path(__file__).resolve().parent.parent
BASE_PAR_DEFAUT = "postgres://postgres@127.0.0.1:5432/contratville_bench"
MOT_DE_PASSE = "bench-contrat-de-ville"
ADMIN = "bench-admin@example.org"
PORTEURS_COMPTES = 50  # accounts of the concurrent porteurs scenario


def email_porteur(rang: int) -> str:
    return f"bench-porteur-{rang:02d}@example.org"


def url_base() -> str:
    url = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("DATABASE_URL") or BASE_PAR_DEFAUT
    if not url.startswith(("postgres://", "postgresql://")):
        url = BASE_PAR_DEFAUT  # SQLite says nothing about a national instance
    return url


def url_maintenance(url: str) -> str:
    """The same server, database `postgres`: to create or drop the bench database."""
    parties = urlsplit(url)
    return urlunsplit(parties._replace(path="/postgres"))


def nom_base(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def verifier_postgresql(url: str) -> None:
    """Stop with a clear message (French, then English) when PostgreSQL cannot be reached."""
    import psycopg

    try:
        psycopg.connect(url_maintenance(url), connect_timeout=5).close()
    except psycopg.OperationalError as erreur:
        cible = urlsplit(url)._replace(netloc=urlsplit(url).hostname or "").geturl()
        sys.exit(
            f"PostgreSQL injoignable ({cible}) : les mesures ont besoin d'un serveur PostgreSQL. "
            "Donnez son adresse dans DATABASE_URL (postgres://utilisateur@hote:5432/base).\n"
            f"PostgreSQL is not reachable ({cible}): the benchmarks need a PostgreSQL server; set DATABASE_URL.\n"
            f"({str(erreur).strip()})"
        )


def environnement(url: str) -> dict[str, str]:
    """Production-like settings (DEBUG off) on plain HTTP loopback; files and tasks kept out of the work tree."""
    dossier = pathlib.Path(tempfile.gettempdir()) / "contratville-bench"
    return {
        "DJANGO_SETTINGS_MODULE": "contratville.settings",
        "DATABASE_URL": url,
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789abcdef",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",  # testserver: the query counts
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "SECURE_HSTS_SECONDS": "0",
        "STATIC_MANIFEST": "false",
        "MEDIA_ROOT": str(dossier / "media"),
        "PRIVATE_MEDIA_ROOT": str(dossier / "private-media"),
        "LOG_LEVEL": "WARNING",
        "CONN_MAX_AGE": "60",  # gunicorn's sync workers keep their connection, as in production
    }


def preparer_django(url: str | None = None) -> None:
    """Settings of the bench in this process, then django.setup()."""
    url = url or url_base()
    sys.path.insert(0, str(RACINE))
    for cle, valeur in environnement(url).items():
        if cle not in ("CONN_MAX_AGE",):
            os.environ[cle] = valeur
    import django

    django.setup()


def description_machine() -> str:
    """CPU model, cores and memory, for RESULTS.md."""
    modele = "?"
    try:
        for ligne in pathlib.Path("/proc/cpuinfo").read_text().splitlines():
            if ligne.startswith("model name"):
                modele = ligne.split(":", 1)[1].strip()
                break
        memoire = next(
            int(ligne.split()[1]) // 1024
            for ligne in pathlib.Path("/proc/meminfo").read_text().splitlines()
            if ligne.startswith("MemTotal")
        )
    except (OSError, StopIteration):
        memoire = 0
    return f"{modele}, {os.cpu_count()} cœurs, {memoire / 1024:.0f} Go de mémoire"


def pic_memoire_mo() -> float:
    """Peak resident memory of this process (VmHWM), in MB. Not getrusage's ru_maxrss: a process started by a
    larger one inherits its parent's peak there (Linux keeps it across fork and exec)."""
    for ligne in pathlib.Path("/proc/self/status").read_text().splitlines():
        if ligne.startswith("VmHWM:"):
            return int(ligne.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
