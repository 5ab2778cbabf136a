"""Guards on the codebase itself (les-emplois' test_consistency)."""

import pathlib

import yaml
from django.apps import apps
from django.conf import settings

PROJECT_APPS = {"comptes", "enjeux", "projets", "conseil_citoyen", "suivi"}


def project_models():
    models = apps.get_models()
    return [m for m in models if m._meta.app_label in PROJECT_APPS and not m.__name__.startswith("Historical")]


def test_verbose_names_are_lower_case_french():
    for model in project_models():
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


def test_every_model_has_a_factory():
    import factory

    import comptes.factories
    import conseil_citoyen.factories
    import enjeux.factories
    import projets.factories
    import suivi.factories

    covered = {
        obj._meta.model
        for module in (
            comptes.factories,
            enjeux.factories,
            projets.factories,
            conseil_citoyen.factories,
            suivi.factories,
        )
        for obj in vars(module).values()
        if isinstance(obj, type) and issubclass(obj, factory.django.DjangoModelFactory) and obj._meta.model
    }
    missing = [model.__name__ for model in project_models() if model not in covered]
    assert not missing, f"Modèles sans fabrique : {missing}"


def test_no_model_with_history_has_a_field_named_instance():
    """django-simple-history reserves `instance` on historical records: such a field is silently dropped from the
    history and saving the model fails."""
    offenders = [
        model.__name__
        for model in project_models()
        if hasattr(model, "history") and any(field.name == "instance" for field in model._meta.get_fields())
    ]
    assert not offenders
