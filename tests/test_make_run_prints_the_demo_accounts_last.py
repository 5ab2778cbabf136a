"""`make run` prepares quietly, then prints the demo accounts framed with the site's URL, last before the server
starts; `PORT=8001 make run` serves on 8001."""

import io
import subprocess

import pytest
from django.conf import settings
from django.core.management import call_command

from projets.demo import DEMO_ACCOUNTS, DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def _make_run(**env) -> list[str]:
    """The commands `make run` would run (dry run: nothing installed nor started)."""
    sortie = subprocess.run(
        ["make", "-n", "run", *(f"{k}={v}" for k, v in env.items())],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [ligne for ligne in sortie.splitlines() if "manage.py" in ligne]


def test_make_run_loads_quietly_then_prints_the_accounts_just_before_the_server():
    commandes = _make_run(PORT="8001")
    assert "comptes_demo --url http://127.0.0.1:8001/" in commandes[-3]
    assert all("--verbosity 0" in c for c in commandes[:-3])  # migrate, load_referentiel, load_demo
    assert "runserver 127.0.0.1:8001" in commandes[-1] and "runserver 127.0.0.1:8001" in commandes[-2]


def test_make_run_serves_on_port_8000_by_default():
    assert "runserver 127.0.0.1:8000" in _make_run()[-1]


def test_the_demo_accounts_are_printed_framed_with_the_url(referentiel, settings, capsys):
    settings.DEBUG = True
    silence = io.StringIO()
    call_command("load_demo", verbosity=0, stdout=silence)
    assert silence.getvalue() == "" and capsys.readouterr().out == ""  # no e-mail printed by the console backend
    out = io.StringIO()
    call_command("comptes_demo", url="http://127.0.0.1:8001/", stdout=out)
    lignes = out.getvalue().splitlines()
    assert lignes[0].startswith("+--") and lignes[-1] == lignes[0]
    for ligne in lignes[1:-1]:
        assert ligne.startswith("| ") and ligne.endswith(" |") and len(ligne) == len(lignes[0])
    texte = out.getvalue()
    assert "http://127.0.0.1:8001/" in texte and DEMO_PASSWORD in texte
    for account in DEMO_ACCOUNTS:
        assert account.role in texte and account.email in texte
