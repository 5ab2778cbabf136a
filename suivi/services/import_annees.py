"""Import of past years' funded actions from a spreadsheet (CSV or XLSX), one row per action and financeur:

    année ; numéro ; structure ; SIRET ; intitulé ; financeur ; demandé ; voté ; versé

Every row is checked first and every error is reported with its row number, in French; when any row is wrong
nothing is imported. A dry run (`ecrire=False`) only checks. An imported action is « terminé » in its year's
campagne (archived, created if missing); what was paid becomes one payment dated 31 December of its year.
"""

import csv
import datetime
import io
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from openpyxl import load_workbook

from enjeux.models import ContratDeVille
from projets.enums import EtatCampagne, EtatDossier
from projets.models import Campagne, Dossier, Financeur, LigneFinancement, Porteur
from projets.services.referentiel import local_datetime
from projets.validators import validate_siret
from suivi.enums import TypeVersement
from suivi.models import Versement

COLONNES = {
    "annee": "année",
    "numero": "numéro",
    "structure": "structure",
    "siret": "SIRET",
    "intitule": "intitulé",
    "financeur": "financeur",
    "demande": "demandé",
    "vote": "voté",
    "verse": "versé",
}
# Header spellings accepted for each column (compared without accents or case).
ALIAS = {"montant demande": "demande", "montant vote": "vote", "montant verse": "verse", "action": "intitule",
         "porteur": "structure", "structure porteuse": "structure"}  # fmt: skip


@dataclass
class Ligne:
    rang: int  # row number in the file, header = 1
    annee: int
    numero: str
    structure: str
    siret: str
    intitule: str
    financeur: Financeur
    demande: Decimal
    vote: Decimal
    verse: Decimal


@dataclass
class RapportImport:
    lignes: list[Ligne] = field(default_factory=list)
    erreurs: list[tuple[int, str]] = field(default_factory=list)  # row number, message
    dossiers: int = 0
    importe: bool = False

    @property
    def valide(self) -> bool:
        return not self.erreurs and bool(self.lignes)


def _cle(texte) -> str:
    texte = unicodedata.normalize("NFKD", str(texte or "")).encode("ascii", "ignore").decode().lower().strip()
    return " ".join(texte.replace("_", " ").split())


def lire_tableau(*, contenu: bytes, nom: str) -> list[list]:
    """The rows of the file (first sheet of an XLSX, or a CSV separated by « ; » or « , »)."""
    if nom.lower().endswith(".xlsx"):
        try:
            classeur = load_workbook(io.BytesIO(contenu), read_only=True, data_only=True)
        except Exception as erreur:  # openpyxl raises several kinds for a file that is not a workbook
            raise ValidationError(
                "Ce fichier n'est pas un classeur XLSX lisible : enregistrez-le à nouveau."
            ) from erreur
        return [list(ligne) for ligne in classeur.worksheets[0].iter_rows(values_only=True)]
    try:
        texte = contenu.decode("utf-8-sig")
    except UnicodeDecodeError:
        texte = contenu.decode("cp1252")  # French spreadsheets save CSV in Windows-1252
    separateur = ";" if texte.split("\n", 1)[0].count(";") >= texte.split("\n", 1)[0].count(",") else ","
    return [ligne for ligne in csv.reader(io.StringIO(texte), delimiter=separateur)]


def _montant(valeur, colonne: str) -> Decimal:
    if valeur in (None, ""):
        return Decimal("0")
    texte = str(valeur).replace("\u00a0", "").replace(" ", "").replace("€", "").replace(",", ".")
    try:
        montant = Decimal(texte).quantize(Decimal("0.01"))
    except InvalidOperation as erreur:
        raise ValueError(
            f"« {valeur} » n'est pas un montant en euros ({colonne}) : écrivez par exemple 1500,00."
        ) from erreur
    if montant < 0:
        raise ValueError(f"Le montant {colonne} ne peut pas être négatif.")
    return montant


def _financeurs() -> dict[str, Financeur]:
    index = {}
    for financeur in Financeur.objects.all():
        for nom in [financeur.nom, financeur.sigle, *financeur.alias]:
            if nom:
                index[_cle(nom)] = financeur
    return index


def verifier(*, lignes_brutes: list[list], contrat: ContratDeVille) -> RapportImport:
    """Check every row; the report lists each error with its row number."""
    rapport = RapportImport()
    if not lignes_brutes:
        rapport.erreurs.append((1, "Le fichier est vide."))
        return rapport
    entetes = [ALIAS.get(_cle(x), _cle(x)) for x in lignes_brutes[0]]
    manquantes = [libelle for cle, libelle in COLONNES.items() if cle not in entetes]
    if manquantes:
        rapport.erreurs.append((1, f"Colonnes manquantes : {', '.join(manquantes)}. La première ligne doit nommer "
                                   f"les colonnes {', '.join(COLONNES.values())}."))  # fmt: skip
        return rapport
    financeurs = _financeurs()
    existants = set(Dossier.objects.exclude(numero=None).values_list("numero", flat=True))
    actions: dict[str, tuple] = {}
    for rang, brute in enumerate(lignes_brutes[1:], start=2):
        valeurs = dict(zip(entetes, brute, strict=False))
        if not any(v not in (None, "") for v in valeurs.values()):
            continue  # an empty row
        erreurs = _verifier_ligne(rang, valeurs, financeurs, existants, actions, contrat, rapport)
        rapport.erreurs += [(rang, e) for e in erreurs]
    rapport.dossiers = len(actions)
    if not rapport.lignes and not rapport.erreurs:
        rapport.erreurs.append((2, "Aucune ligne à importer sous les noms de colonnes."))
    return rapport


def _verifier_ligne(rang, valeurs, financeurs, existants, actions, contrat, rapport) -> list[str]:
    erreurs = []
    texte = {cle: str(valeurs.get(cle) or "").strip() for cle in COLONNES}
    try:
        annee = int(float(texte["annee"]))
        if not 2000 <= annee <= timezone.localdate().year:
            raise ValueError
    except ValueError:
        annee = None
        erreurs.append(
            f"Année « {texte['annee']} » : indiquez une année passée sur quatre chiffres, par exemple 2019."
        )
    for cle in ("numero", "structure", "intitule"):
        if not texte[cle]:
            erreurs.append(f"Indiquez la colonne « {COLONNES[cle]} ».")
    if texte["numero"] in existants:
        erreurs.append(f"Le numéro {texte['numero']} existe déjà : cette action est déjà dans l'application.")
    siret = texte["siret"].replace(" ", "")
    if siret:
        try:
            validate_siret(siret)
        except ValidationError as erreur:
            erreurs.append(f"SIRET « {texte['siret']} » : {erreur.messages[0]}")
    financeur = financeurs.get(_cle(texte["financeur"]))
    if financeur is None:
        erreurs.append(f"Financeur « {texte['financeur']} » inconnu : utilisez le nom d'un financeur du référentiel.")
    montants = {}
    for cle in ("demande", "vote", "verse"):
        try:
            montants[cle] = _montant(valeurs.get(cle), COLONNES[cle])
        except ValueError as erreur:
            erreurs.append(str(erreur))
    if len(montants) == 3 and montants["verse"] > montants["vote"]:
        erreurs.append(f"Le montant versé ({montants['verse']} €) dépasse le montant voté ({montants['vote']} €).")
    action = (annee, texte["structure"], texte["intitule"])
    if texte["numero"] and actions.setdefault(texte["numero"], action) != action:
        erreurs.append(f"Le numéro {texte['numero']} désigne déjà une autre action plus haut dans le fichier "
                       "(année, structure ou intitulé différents).")  # fmt: skip
    if not erreurs:
        rapport.lignes.append(Ligne(rang, annee, texte["numero"], texte["structure"], siret, texte["intitule"],
                                    financeur, montants["demande"], montants["vote"], montants["verse"]))  # fmt: skip
    return erreurs


def importer_annees(*, contenu: bytes, nom: str, contrat: ContratDeVille, ecrire: bool, by=None) -> RapportImport:
    """Check the file; when `ecrire` and every row is right, import it in one transaction (all or nothing)."""
    rapport = verifier(lignes_brutes=lire_tableau(contenu=contenu, nom=nom), contrat=contrat)
    if ecrire and rapport.valide:
        with transaction.atomic():
            _ecrire(rapport, contrat, by)
        rapport.importe = True
    return rapport


def _ecrire(rapport: RapportImport, contrat: ContratDeVille, by) -> None:
    dossiers: dict[str, Dossier] = {}
    for ligne in rapport.lignes:
        dossier = dossiers.get(ligne.numero)
        if dossier is None:
            dossier = dossiers[ligne.numero] = _dossier(ligne, contrat)
        financement = LigneFinancement.objects.create(dossier=dossier, financeur=ligne.financeur,
                                                      nature=ligne.financeur.nature, montant_demande=ligne.demande,
                                                      montant_propose=ligne.vote, montant_vote=ligne.vote)  # fmt: skip
        if ligne.verse:
            fin = datetime.date(ligne.annee, 12, 31)
            Versement.objects.create(ligne=financement, type=TypeVersement.SOLDE, montant_prevu=ligne.verse,
                                     date_prevue=fin, montant_verse=ligne.verse, date_versement=fin,
                                     reference="Import", saisi_par=by)  # fmt: skip


def _dossier(ligne: Ligne, contrat: ContratDeVille) -> Dossier:
    campagne, _ = Campagne.objects.get_or_create(
        contrat=contrat,
        annee=ligne.annee,
        defaults={
            "libelle": f"Appel à projets {ligne.annee}",
            "etat": EtatCampagne.ARCHIVEE,
            "date_ouverture": local_datetime(datetime.date(ligne.annee - 1, 10, 1), contrat.fuseau_horaire),
            "date_cloture": local_datetime(datetime.date(ligne.annee - 1, 10, 31), contrat.fuseau_horaire, True),
        },
    )
    porteur = (Porteur.objects.filter(siret=ligne.siret).first() if ligne.siret else None) or (
        Porteur.objects.filter(raison_sociale__iexact=ligne.structure).first()
    )
    if porteur is None:
        porteur = Porteur.objects.create(raison_sociale=ligne.structure, siret=ligne.siret)
    # Historical data: the action's whole life is over, so it is written in its final state directly.
    return Dossier.objects.create(campagne=campagne, porteur=porteur, numero=ligne.numero, intitule=ligne.intitule,
                                  etat=EtatDossier.TERMINE)  # fmt: skip
