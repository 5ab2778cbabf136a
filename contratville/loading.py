"""Idempotent loading of reference data: create what is missing, update what differs, report both."""

from collections import Counter
from dataclasses import dataclass, field

from django.db import models


@dataclass
class LoadReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)

    def upsert(self, model: type[models.Model], lookup: dict, values: dict | None = None) -> models.Model:
        """Get the row matching `lookup`, creating it or updating the fields of `values` that differ."""
        values = values or {}
        label = model._meta.verbose_name_plural
        obj = model.objects.filter(**lookup).first()
        if obj is None:
            obj = model.objects.create(**lookup, **values)
            self.created[label] += 1
            return obj
        changed = [name for name, value in values.items() if getattr(obj, name) != value]
        if changed:
            for name in changed:
                setattr(obj, name, values[name])
            obj.save(update_fields=changed)
            self.updated[label] += 1
        return obj

    def set_m2m(self, obj: models.Model, name: str, targets) -> None:
        manager = getattr(obj, name)
        wanted = {t.pk for t in targets}
        if set(manager.values_list("pk", flat=True)) != wanted:
            manager.set(wanted)
            self.updated[f"{obj._meta.verbose_name_plural} ({name})"] += 1

    @property
    def changed_nothing(self) -> bool:
        return not self.created and not self.updated

    def lines(self) -> list[str]:
        if self.changed_nothing:
            return ["Rien à faire : le référentiel est déjà à jour."]
        return [f"créé(e)s : {n} {label}" for label, n in sorted(self.created.items())] + [
            f"mis à jour : {n} {label}" for label, n in sorted(self.updated.items())
        ]
