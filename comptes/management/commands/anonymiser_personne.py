"""RGPD right to erasure: the person is anonymised; financial and legal records are kept."""

from django.core.management.base import BaseCommand, CommandError

from comptes.models import User
from comptes.rgpd import anonymiser


class Command(BaseCommand):
    help = "Anonymise une personne (droit à l'effacement) en gardant les dossiers, décisions et paiements."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--confirmer", action="store_true", help="obligatoire : l'opération est définitive")

    def handle(self, *args, email, confirmer, **options):
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            raise CommandError(f"Aucun compte pour l'adresse {email}.")
        if not confirmer:
            raise CommandError("L'anonymisation est définitive : relancez avec --confirmer.")
        anonymiser(user=user)
        self.stdout.write(self.style.SUCCESS(f"Compte n° {user.pk} anonymisé."))
