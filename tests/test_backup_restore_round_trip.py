"""Backup and restore as docs/sauvegarde-et-restauration.md says: `manage.py sauvegarder` on the demo data, then
`manage.py restaurer` in another process into a new empty database and empty folders. Every table has the same
rows (count, amount sums, content), every stored file the same SHA-256. PostgreSQL only (pg_dump, pg_restore)."""

import hashlib
import io
import os
import pathlib
import subprocess
import sys
import uuid
from unittest import mock

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from contratville.celery import app as celery_app
from projets.enums import TypeTravail
from projets.factories import PieceJointeFactory
from projets.models import Dossier, Travail
from projets.services.travaux import travail_lancer

pytestmark = [
    pytest.mark.django_db(transaction=True),  # pg_dump reads what is committed
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="pg_dump et pg_restore : PostgreSQL"
    ),
]


def _connexion(base: str) -> psycopg.Connection:
    reglages = connection.settings_dict
    return psycopg.connect(
        dbname=base,
        host=reglages["HOST"] or None,
        port=reglages["PORT"] or None,
        user=reglages["USER"] or None,
        password=reglages["PASSWORD"] or None,
        autocommit=True,
    )


def _etat_de_la_base(base: str) -> dict[str, tuple]:
    """Per table: row count, the sum of each numeric (amount) column, and an MD5 of all its rows."""
    with _connexion(base) as cnx:
        tables = [t for (t,) in cnx.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
        numeriques = cnx.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = 'public' AND data_type = 'numeric' ORDER BY table_name, column_name"
        ).fetchall()
        etat = {}
        for table in tables:
            sommes = [f'sum("{c}")' for t, c in numeriques if t == table]
            (nombre, empreinte, *montants) = cnx.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')), "
                f'{", ".join(sommes) or "0"} FROM "{table}" t'
            ).fetchone()
            etat[table] = (nombre, empreinte, tuple(montants))
        return etat


def _empreintes(*racines: pathlib.Path) -> dict[str, str]:
    return {
        f"{i}/{p.relative_to(racine).as_posix()}": hashlib.sha256(p.read_bytes()).hexdigest()
        for i, racine in enumerate(racines)
        if racine.is_dir()
        for p in racine.rglob("*")
        if p.is_file()
    }


@pytest.fixture
def donnees_de_demo(settings, private_media):
    """The demo (référentiel, programmation, suivi), plus an attachment and a generated PDF."""
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    try:
        call_command("load_referentiel", settings.BASE_DIR / "enjeux/referentiels/blois.yaml", stdout=io.StringIO())
        with mock.patch.object(settings, "DEBUG", True):
            call_command("load_demo", stdout=io.StringIO())
        dossier = Dossier.objects.exclude(numero="").order_by("pk").first()
        PieceJointeFactory(dossier=dossier, libelle="Devis de l'imprimeur")
        travail_lancer(type=TypeTravail.PROGRAMMATION, campagne=dossier.campagne, par=None)
    finally:
        celery_app.conf.task_always_eager = eager
    assert Travail.objects.exclude(fichier="").exists()
    (pathlib.Path(settings.MEDIA_ROOT) / "public").mkdir(parents=True)
    (pathlib.Path(settings.MEDIA_ROOT) / "public" / "logo.svg").write_text("<svg/>")


@pytest.fixture
def base_neuve():
    """An empty database of its own, dropped afterwards."""
    nom = f"contratville_restauration_{uuid.uuid4().hex[:12]}"
    with _connexion("postgres") as cnx:
        cnx.execute(f'CREATE DATABASE "{nom}"')
    yield nom
    with _connexion("postgres") as cnx:
        cnx.execute(f'DROP DATABASE IF EXISTS "{nom}" WITH (FORCE)')


def test_a_backup_restored_into_an_empty_database_has_the_same_rows_amounts_and_files(
    donnees_de_demo, base_neuve, settings, tmp_path
):
    sauvegarde = tmp_path / "sauvegarde"
    call_command("sauvegarder", sauvegarde, stdout=io.StringIO())
    assert {p.name for p in sauvegarde.iterdir()} == {
        "base.dump",
        "media.tar.gz",
        "private-media.tar.gz",
        "SHA256SUMS",
    }

    reglages = connection.settings_dict
    url = f"postgres://{reglages['USER']}:{reglages['PASSWORD']}@{reglages['HOST']}:{reglages['PORT']}/{base_neuve}"
    restaure = tmp_path / "restaure"
    environnement = dict(
        os.environ,
        DATABASE_URL=url,
        MEDIA_ROOT=str(restaure / "media"),
        PRIVATE_MEDIA_ROOT=str(restaure / "private-media"),
    )
    resultat = subprocess.run(
        [sys.executable, "manage.py", "restaurer", str(sauvegarde)],
        cwd=settings.BASE_DIR,
        env=environnement,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert resultat.returncode == 0, resultat.stderr

    avant, apres = _etat_de_la_base(reglages["NAME"]), _etat_de_la_base(base_neuve)
    assert avant == apres
    assert sum(nombre for nombre, _, _ in avant.values()) > 1000  # the demo, not an empty database
    assert avant["projets_lignefinancement"][2] == apres["projets_lignefinancement"][2] != (None, None, None)

    fichiers = _empreintes(pathlib.Path(settings.MEDIA_ROOT), pathlib.Path(settings.PRIVATE_MEDIA_ROOT))
    assert len(fichiers) >= 3
    assert fichiers == _empreintes(restaure / "media", restaure / "private-media")
    assert f"Base restaurée ; {len(fichiers)} fichier(s)" in resultat.stdout

    # Never over existing data: the same backup is refused on the database it came from.
    with pytest.raises(CommandError, match="n'est pas vide"):
        call_command("restaurer", sauvegarde, stdout=io.StringIO())
