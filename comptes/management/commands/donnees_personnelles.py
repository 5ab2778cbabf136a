"""RGPD right of access: everything held about a person, as JSON (printed, or written to --sortie)."""

import json

from django.core.management.base import BaseCommand, CommandError

from comptes.models import User
from comptes.rgpd import donnees_personnelles


class Command(BaseCommand):
    help = "Exporte en JSON toutes les données détenues sur une personne (droit d'accès)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--sortie", help="fichier JSON à écrire (sinon, la sortie standard)")

    def handle(self, *args, email, sortie, **options):
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            raise CommandError(f"Aucun compte pour l'adresse {email}.")
        texte = json.dumps(donnees_personnelles(user=user), ensure_ascii=False, indent=2)
        if sortie:
            with open(sortie, "w", encoding="utf-8") as fichier:
                fichier.write(texte)
            self.stdout.write(f"Données écrites dans {sortie}.")
        else:
            self.stdout.write(texte)
