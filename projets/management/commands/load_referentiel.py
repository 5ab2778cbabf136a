from pathlib import Path

import yaml
from django.core.management.base import BaseCommand, CommandError
from django.utils.text import slugify

from projets.services.referentiel import referentiel_load


class Command(BaseCommand):
    help = "Charge ou met à jour le référentiel d'un contrat de ville depuis un fichier YAML (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("fichier", type=Path, help="par exemple enjeux/referentiels/blois.yaml")
        parser.add_argument("--slug", help="identifiant du contrat (par défaut : tiré de son nom)")

    def handle(self, *args, fichier: Path, slug: str | None, **options):
        try:
            data = yaml.safe_load(fichier.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as error:
            raise CommandError(f"Impossible de lire {fichier} : {error}") from error
        try:
            report = referentiel_load(data=data, slug=slug or slugify(data["contrat"]["nom"]))
        except ValueError as error:  # a bad value in the file (an invalid SIRET, an unknown type): nothing loaded
            raise CommandError(f"{fichier} : {error}") from error
        if options["verbosity"] >= 1:
            for line in report.lines():
                self.stdout.write(line)
