"""Restore a backup made by `sauvegarder` into an empty database and empty file folders."""

import pathlib

from django.core.management.base import BaseCommand, CommandError

from contratville import sauvegarde


class Command(BaseCommand):
    help = (
        "Restaure une sauvegarde de `manage.py sauvegarder` : la base (pg_restore) dans la base PostgreSQL de "
        "DATABASE_URL, qui doit être vide, et les fichiers dans MEDIA_ROOT et PRIVATE_MEDIA_ROOT, qui doivent être "
        "vides ou absents ; chaque fichier restauré est vérifié contre son empreinte SHA-256."
    )

    def add_arguments(self, parser):
        parser.add_argument("dossier", type=pathlib.Path, help="dossier écrit par `manage.py sauvegarder`")

    def handle(self, *args, dossier, **options):
        try:
            nombre = sauvegarde.restaurer(dossier)
        except sauvegarde.ErreurSauvegarde as erreur:
            raise CommandError(str(erreur)) from erreur
        self.stdout.write(f"Base restaurée ; {nombre} fichier(s) restauré(s) et vérifié(s).")
