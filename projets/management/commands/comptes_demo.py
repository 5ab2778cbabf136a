"""Prints the demo accounts, framed, with the site's URL: the last thing `make run` says before the server starts."""

from django.core.management.base import BaseCommand

from comptes.models import User
from projets.demo import DEMO_ACCOUNTS, DEMO_PASSWORD


def cadre_des_comptes(accounts, url: str = "") -> str:
    """The demo accounts (DemoAccount, user) in a frame, one per role, with the shared password."""
    lignes = [f"Contrat de ville : {url}", ""] if url else []
    lignes.append(f"Comptes de démonstration (mot de passe pour tous : {DEMO_PASSWORD})")
    lignes += [f"  {account.role:<45} {user.email}" for account, user in accounts]
    largeur = max(len(ligne) for ligne in lignes)
    bord = "+" + "-" * (largeur + 2) + "+"
    return "\n".join([bord, *(f"| {ligne:<{largeur}} |" for ligne in lignes), bord])


class Command(BaseCommand):
    help = "Affiche les comptes de démonstration et l'adresse du site (après load_demo)."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000/", help="adresse du site")

    def handle(self, *args, url: str, **options):
        users = {user.email: user for user in User.objects.filter(email__in=[a.email for a in DEMO_ACCOUNTS])}
        accounts = [(account, users[account.email]) for account in DEMO_ACCOUNTS if account.email in users]
        if not accounts:
            self.stderr.write("Aucun compte de démonstration : lancez d'abord load_demo.")
            return
        self.stdout.write(cadre_des_comptes(accounts, url))
