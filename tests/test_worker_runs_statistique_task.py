"""The worker path for real: a Celery worker process, the Redis broker and PostgreSQL, as in production."""

import os
import subprocess
import sys
import uuid
from decimal import Decimal
from urllib.parse import quote

import pytest
from django.db import connection

from contratville.celery import app as celery_app
from projets.enums import EtatDossier
from projets.factories import CampagneFactory, DossierFactory, LigneFinancementFactory
from projets.models import StatistiqueCampagne
from projets.tasks import refresh_campagne_statistique

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _database_url() -> str:
    db = connection.settings_dict
    credentials = quote(db["USER"] or "") + (":" + quote(db["PASSWORD"]) if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def worker_queue():
    """Start `celery worker` on the test database, listening on a queue of its own; stop it after the test."""
    if not os.environ.get("CELERY_BROKER_URL") or connection.vendor != "postgresql":
        reason = "needs CELERY_BROKER_URL and a PostgreSQL DATABASE_URL (the worker shares the test database)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    queue = f"test-{uuid.uuid4().hex[:8]}"
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "contratville", "worker", "--pool=solo", "-Q", queue, "-l", "INFO"],
        env={**os.environ, "DATABASE_URL": _database_url()},
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


def test_a_real_worker_rebuilds_the_headline_figures(worker_queue):
    campagne = CampagneFactory()
    dossier = DossierFactory(campagne=campagne, etat=EtatDossier.RETENU)
    LigneFinancementFactory(dossier=dossier, montant_demande=Decimal("12500"), montant_vote=Decimal("10000"))

    result = refresh_campagne_statistique.apply_async(args=[campagne.pk], queue=worker_queue)
    result.get(timeout=60)

    statistique = StatistiqueCampagne.objects.get(campagne=campagne)
    assert statistique.montant_vote == Decimal("10000.00")
    assert statistique.nombre_finances == 1
