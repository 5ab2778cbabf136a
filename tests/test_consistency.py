"""Guards on the codebase itself (les-emplois' test_consistency)."""

import pathlib

import yaml
from django.apps import apps
from django.conf import settings

PROJECT_APPS = {"comptes", "enjeux", "projets", "conseil_citoyen"}


def test_verbose_names_are_lower_case_french():
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS or model.__name__.startswith("Historical"):
            continue
        for name in (model._meta.verbose_name, model._meta.verbose_name_plural):
            assert name[0].islower() or name[:4] in ("COPI", "COTE", "SIRE"), f"{model.__name__}: « {name} »"
        for field in model._meta.get_fields():
            label = getattr(field, "verbose_name", None)
            if isinstance(label, str) and field.concrete and not field.auto_created:
                assert label[:1].islower() or label[:3] in ("SIR", "EPC", "RNA"), (
                    f"{model.__name__}.{field.name}: « {label} »"
                )


def test_docker_compose_declares_the_five_services_with_healthchecks():
    compose = yaml.safe_load(pathlib.Path(settings.BASE_DIR, "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"web", "worker", "beat", "postgres", "redis"} <= set(services)
    for name in ("web", "postgres", "redis"):
        assert "healthcheck" in services[name], name
