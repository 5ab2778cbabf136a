"""Back up the PostgreSQL database and the stored files into one folder (docs/sauvegarde-et-restauration.md)."""

import pathlib

from django.core.management.base import BaseCommand, CommandError

from contratville import sauvegarde


class Command(BaseCommand):
    help = (
        "Sauvegarde la base PostgreSQL (pg_dump, format personnalisé) et les fichiers déposés (MEDIA_ROOT et "
        "PRIVATE_MEDIA_ROOT, archive tar) dans le dossier indiqué, avec l'empreinte SHA-256 de chaque fichier."
    )

    def add_arguments(self, parser):
        parser.add_argument("dossier", type=pathlib.Path, help="dossier de destination (créé s'il n'existe pas)")

    def handle(self, *args, dossier, **options):
        try:
            produits = sauvegarde.sauvegarder(dossier)
        except sauvegarde.ErreurSauvegarde as erreur:
            raise CommandError(str(erreur)) from erreur
        for chemin in produits:
            self.stdout.write(f"Écrit : {chemin}")
