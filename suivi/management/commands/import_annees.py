from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from suivi.selectors_rapports import contrat_du_suivi
from suivi.services.import_annees import COLONNES, importer_annees


class Command(BaseCommand):
    help = (
        "Importe les actions financées des années passées depuis un tableur (CSV ou XLSX), une ligne par action et "
        f"financeur : {', '.join(COLONNES.values())}. Rien n'est importé si une ligne est fausse."
    )

    def add_arguments(self, parser):
        parser.add_argument("fichier", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="vérifier chaque ligne sans rien importer")

    def handle(self, *args, fichier: Path, dry_run: bool, **options):
        contrat = contrat_du_suivi()
        if contrat is None:
            raise CommandError("Aucun contrat : lancez d'abord load_referentiel.")
        if not fichier.exists():
            raise CommandError(f"Fichier introuvable : {fichier}")
        rapport = importer_annees(contenu=fichier.read_bytes(), nom=fichier.name, contrat=contrat, ecrire=not dry_run)
        for rang, message in rapport.erreurs:
            self.stdout.write(f"Ligne {rang} : {message}")
        if rapport.erreurs:
            raise CommandError(f"{len(rapport.erreurs)} erreur(s) : rien n'est importé. Corrigez le fichier.")
        verbe = "importées" if rapport.importe else "vérifiées (essai : rien n'est importé)"
        self.stdout.write(f"{len(rapport.lignes)} lignes {verbe}, {rapport.dossiers} actions.")
