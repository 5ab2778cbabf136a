import logging

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test import override_settings
from django.utils import timezone

from conseil_citoyen.demo import demo_conseil_citoyen
from contratville.loading import LoadReport
from enjeux.models import ContratDeVille
from projets.demo import (
    demo_create_accounts,
    demo_create_campagne_ouverte,
    demo_load_programmation_2021,
)
from projets.management.commands.comptes_demo import cadre_des_comptes
from projets.models import Campagne
from projets.tasks import refresh_campagne_statistique
from suivi.demo import demo_suivi


class Command(BaseCommand):
    help = "Charge les données de démonstration : programmation 2021 publiée, appel ouvert, comptes de démonstration."

    def add_arguments(self, parser):
        parser.add_argument("--contrat", default="contrat-de-ville-de-blois", help="identifiant du contrat")
        parser.add_argument("--force", action="store_true", help="autoriser hors mode DEBUG")

    def handle(self, *args, **options):
        if options["verbosity"] >= 1:
            return self.charger(**options)
        # Silent for `make run`: no task logs, no e-mails printed by the console backend (they would bury the
        # accounts that comptes_demo prints next).
        logging.disable(logging.INFO)
        try:
            with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
                return self.charger(**options)
        finally:
            logging.disable(logging.NOTSET)

    def charger(self, *args, contrat: str, force: bool, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Données de démonstration refusées hors DEBUG : ajoutez --force si c'est voulu.")
        contrat_obj = ContratDeVille.objects.filter(slug=contrat).first()
        if contrat_obj is None:
            raise CommandError(f"Contrat « {contrat} » introuvable : lancez d'abord load_referentiel.")
        report = LoadReport()
        bavard = options["verbosity"] >= 1  # `make run` asks for silence, then prints the accounts (comptes_demo)
        programmation = demo_load_programmation_2021(contrat=contrat_obj, report=report)
        lignes = list(report.lines())
        accounts = demo_create_accounts()
        ouverte = demo_create_campagne_ouverte(contrat=contrat_obj, modele=programmation, today=timezone.localdate())
        lignes.append(f"{ouverte.libelle} : {ouverte.dossiers.count()} dossiers.")
        if conseil := demo_conseil_citoyen(today=timezone.localdate()):
            lignes.append(f"{conseil} : {conseil.membres.count()} membres.")
        demo_suivi(contrat=contrat_obj, today=timezone.localdate())
        for campagne in Campagne.objects.filter(contrat=contrat_obj):
            refresh_campagne_statistique.delay(campagne.pk)
        if bavard:
            for ligne in lignes:
                self.stdout.write(ligne)
            self.stdout.write("")
            self.stdout.write(cadre_des_comptes(accounts))
