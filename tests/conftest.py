"""Shared fixtures: personas (one per role, plus two porteurs), strict templates, Celery in-process."""

import io

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings

from comptes.factories import UserFactory
from comptes.roles import Role
from contratville.celery import app as celery_app
from enjeux.models import ContratDeVille
from projets.factories import PorteurMembreFactory
from tests.helpers.worker import worker_celery


class UndefinedTemplateVariable(str):
    """string_if_invalid that fails the test on any undefined variable (as les-emplois does)."""

    def __mod__(self, name):
        raise AssertionError(f"Variable de gabarit inconnue : {name}")


@pytest.fixture(autouse=True)
def strict_templates(settings):
    for engine in settings.TEMPLATES:
        engine.setdefault("OPTIONS", {})["string_if_invalid"] = UndefinedTemplateVariable("%s")


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Uploaded files go to a temporary folder, never into the work tree."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture(autouse=True)
def celery_in_process():
    """Tasks run in the test process; the worker tests (tests/test_worker_*.py) start a real worker instead."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    # What a request queues runs after its response in the request's thread: done when the test client returns.
    with override_settings(TACHES_EN_FOND_APRES_REPONSE=False):
        yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture
def worker_queue(private_media):
    """A real Celery worker on the test database (PostgreSQL and Redis only), listening on the queue yielded."""
    with worker_celery() as queue:
        yield queue


@pytest.fixture(autouse=True)
def cache_vide():
    """Rate-limit counters live in the cache: each test starts from zero, whatever ran before it."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def porteur_a(db):
    """A user acting for porteur A (its gestionnaire)."""
    return PorteurMembreFactory(porteur__raison_sociale="Association A", user__email="porteuse.a@exemple.fr").user


@pytest.fixture
def porteur_b(db):
    return PorteurMembreFactory(porteur__raison_sociale="Association B", user__email="porteur.b@exemple.fr").user


def _staff(email, role, **extra):
    return UserFactory(email=email, is_staff=True, roles=[role], **extra)


@pytest.fixture
def instructeur(db):
    return _staff("instructrice@ville.example", Role.INSTRUCTEUR)


@pytest.fixture
def partenaire_cotech(db):
    return _staff("delegue.prefet@etat.example", Role.PARTENAIRE_COTECH)


@pytest.fixture
def membre_copil(db):
    return _staff("elue@ville.example", Role.MEMBRE_COPIL)


@pytest.fixture
def conseil_citoyen(db):
    return UserFactory(email="membre@conseil-citoyen.example", roles=[Role.CONSEIL_CITOYEN])


@pytest.fixture
def administrateur(db):
    return _staff("admin@ville.example", Role.ADMINISTRATEUR, is_superuser=True)


@pytest.fixture
def referentiel(db):
    """The Blois référentiel as `make run` loads it."""
    call_command("load_referentiel", settings.BASE_DIR / "enjeux/referentiels/blois.yaml", stdout=io.StringIO())
    return ContratDeVille.objects.get()
