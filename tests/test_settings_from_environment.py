"""Settings come from the environment: check them in a fresh interpreter, as a server would start."""

import json
import os
import subprocess
import sys

from django.conf import settings

SHOW = (
    "import json, django; from django.conf import settings as s; django.setup(); "
    "print(json.dumps({'db': s.DATABASES['default']['ENGINE'], 'eager': s.CELERY_TASK_ALWAYS_EAGER, "
    "'mail': s.EMAIL_BACKEND, 'media': str(s.MEDIA_ROOT), 'hosts': s.ALLOWED_HOSTS}))"
)
BASE_ENV = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "contratville.settings"}


def run(env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", SHOW], env={**BASE_ENV, **env}, cwd=settings.BASE_DIR, capture_output=True, text=True
    )


def test_with_nothing_configured_it_uses_sqlite_in_process_tasks_and_console_mail():
    result = run({"DEBUG": "true"})
    shown = json.loads(result.stdout)
    assert shown["db"] == "django.db.backends.sqlite3"
    assert shown["eager"] is True
    assert shown["mail"] == "django.core.mail.backends.console.EmailBackend"
    assert "127.0.0.1" in shown["hosts"]


def test_urls_switch_to_postgresql_redis_and_smtp():
    result = run(
        {
            "DEBUG": "false",
            "SECRET_KEY": "x" * 50,
            "ALLOWED_HOSTS": "contrat.example.org",
            "DATABASE_URL": "postgres://app:secret@db.internal:5432/contratville",
            "CELERY_BROKER_URL": "redis://redis:6379/0",
            "EMAIL_URL": "smtp+tls://relay:pw@mail.example.org:587",
            "MEDIA_ROOT": "/srv/contratville/media",
        }
    )
    shown = json.loads(result.stdout)
    assert shown == {
        "db": "django.db.backends.postgresql",
        "eager": False,
        "mail": "django.core.mail.backends.smtp.EmailBackend",
        "media": "/srv/contratville/media",
        "hosts": ["contrat.example.org"],
    }


def test_production_refuses_to_start_without_a_secret_key():
    result = run({"DEBUG": "false"})
    assert result.returncode != 0
    assert "SECRET_KEY doit être défini" in result.stderr


def test_production_settings_pass_check_deploy_without_any_warning():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env={**BASE_ENV, "DEBUG": "false", "SECRET_KEY": "k3y-" + "Zq8#pL2!vR9@" * 5, "ALLOWED_HOSTS": "a.example"},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
