"""A real `celery worker` process on the test database, for the tests marked `worker` (fixture in conftest.py)."""

import contextlib
import os
import subprocess
import sys
import uuid
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from contratville.celery import app as celery_app


def database_url() -> str:
    """The test database's address, for a process of its own."""
    db = connection.settings_dict
    credentials = quote(db["USER"] or "") + (":" + quote(db["PASSWORD"]) if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"


@contextlib.contextmanager
def worker_celery():
    """Start a worker listening on a queue of its own, yield the queue's name, stop the worker afterwards.

    The worker shares the test database and the test's folders of files (documents it writes are read back)."""
    if not os.environ.get("CELERY_BROKER_URL") or connection.vendor != "postgresql":
        reason = "needs CELERY_BROKER_URL and a PostgreSQL DATABASE_URL (the worker shares the test database)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    queue = f"test-{uuid.uuid4().hex[:8]}"
    environnement = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "contratville", "worker", "--pool=solo", "-Q", queue, "-l", "INFO"],
        env=environnement,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    celery_app.conf.task_always_eager = False
    try:
        yield queue
    finally:
        worker.terminate()
        output, _ = worker.communicate(timeout=30)
        print(output)  # shown by pytest when the test fails
