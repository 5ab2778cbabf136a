from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from conseil_citoyen.demo import demo_conseil_citoyen
from contratville.loading import LoadReport
from enjeux.models import ContratDeVille
from projets.demo import (
    DEMO_PASSWORD,
    demo_create_accounts,
    demo_create_campagne_ouverte,
    demo_load_programmation_2021,
)
from projets.models import Campagne
from projets.tasks import refresh_campagne_statistique
from suivi.demo import demo_suivi


class Command(BaseCommand):
    help = "Charge les données de démonstration : programmation 2021 publiée, appel ouvert, comptes de démonstration."

    def add_arguments(self, parser):
        parser.add_argument("--contrat", default="contrat-de-ville-de-blois", help="identifiant du contrat")
        parser.add_argument("--force", action="store_true", help="autoriser hors mode DEBUG")

    def handle(self, *args, contrat: str, force: bool, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Données de démonstration refusées hors DEBUG : ajoutez --force si c'est voulu.")
        contrat_obj = ContratDeVille.objects.filter(slug=contrat).first()
        if contrat_obj is None:
            raise CommandError(f"Contrat « {contrat} » introuvable : lancez d'abord load_referentiel.")
        report = LoadReport()
        programmation = demo_load_programmation_2021(contrat=contrat_obj, report=report)
        for line in report.lines():
            self.stdout.write(line)
        accounts = demo_create_accounts()
        ouverte = demo_create_campagne_ouverte(contrat=contrat_obj, modele=programmation, today=timezone.localdate())
        self.stdout.write(f"{ouverte.libelle} : {ouverte.dossiers.count()} dossiers.")
        if conseil := demo_conseil_citoyen(today=timezone.localdate()):
            self.stdout.write(f"{conseil} : {conseil.membres.count()} membres.")
        demo_suivi(contrat=contrat_obj, today=timezone.localdate())
        for campagne in Campagne.objects.filter(contrat=contrat_obj):
            refresh_campagne_statistique.delay(campagne.pk)
        self.stdout.write(f"\nComptes de démonstration (mot de passe pour tous : {DEMO_PASSWORD})")
        for account, user in accounts:
            self.stdout.write(f"  {account.role:<45} {user.email}")
