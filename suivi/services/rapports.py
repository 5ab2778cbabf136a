"""The suivi's reports as jobs of the worker, with projets' generation rules (projets/services/travaux.py):

- `rapport_launch` fingerprints the report's data: a job queued or running for the same data is joined (the
  partial unique constraint settles races), the last succeeded one whose file is there is returned;
- `rapport_run` runs in the Celery task: progress in the row, one file per job written through an atomic
  rename (a retry after a crash overwrites it), the reason of a failure in French, re-raised for the retry.
"""

import dataclasses
import hashlib
import json
import logging
import os
import pathlib
import uuid

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from enjeux.models import ContratDeVille
from projets.enums import StatutTravail
from projets.models import Campagne
from projets.services.travaux import avancement, prendre, raison_de_l_echec
from projets.storage import private_storage
from suivi.enums import FormatRapport, TypeRapport
from suivi.models import Rapport
from suivi.selectors_bilan_annuel import bilan_annuel
from suivi.selectors_rapport_objectifs import tableau_objectifs
from suivi.selectors_rapports import actions_pour_l_etat, conventionnees, etat_annexe
from suivi.services.rapports_rendu import rendre

logger = logging.getLogger(__name__)

# Bump when a template or a layout changes: the same data then gives a new file.
VERSION_MISE_EN_PAGE = 1

ACTIFS = [StatutTravail.EN_ATTENTE, StatutTravail.EN_COURS]

FORMATS_PAR_TYPE = {
    TypeRapport.ETAT_ANNEXE: [FormatRapport.PDF, FormatRapport.XLSX],
    TypeRapport.OBJECTIFS: [FormatRapport.PDF, FormatRapport.XLSX],
    TypeRapport.BILAN_ANNUEL: [FormatRapport.PDF, FormatRapport.XLSX],
    TypeRapport.ACTIONS_ETAT: [FormatRapport.CSV, FormatRapport.XLSX],
    TypeRapport.CONVENTIONNEES: [FormatRapport.PDF, FormatRapport.XLSX],
}


def donnees_du_rapport(*, type: str, contrat: ContratDeVille, annee: int):
    """What the report shows, read now. The bilan annuel and the actions' status depend on the day."""
    today = timezone.localdate()
    if type == TypeRapport.ETAT_ANNEXE:
        return etat_annexe(contrat=contrat, annee=annee)
    if type == TypeRapport.OBJECTIFS:
        return tableau_objectifs(contrat=contrat, annee=annee)
    if type == TypeRapport.BILAN_ANNUEL:
        return bilan_annuel(contrat=contrat, annee=annee, today=today)
    if type == TypeRapport.ACTIONS_ETAT:
        return actions_pour_l_etat(contrat=contrat, annee=annee, today=today)
    return conventionnees(contrat=contrat, annee=annee)


def empreinte_du_rapport(*, type: str, format: str, contrat: ContratDeVille, annee: int, donnees) -> str:
    contenu = {
        "type": type,
        "format": format,
        "contrat": contrat.pk,
        "annee": annee,
        "version": VERSION_MISE_EN_PAGE,
        "donnees": dataclasses.asdict(donnees),
    }
    texte = json.dumps(contenu, sort_keys=True, ensure_ascii=False, default=str, separators=(",", ":"))
    return hashlib.sha256(texte.encode()).hexdigest()


def verifier_demande(*, type: str, format: str, contrat: ContratDeVille, annee: int) -> None:
    """The report exists in this format and the year has a campagne; each error names its field."""
    if type not in FORMATS_PAR_TYPE:
        raise ValidationError({"type": "Choisissez un rapport de la liste."})
    if format not in FORMATS_PAR_TYPE[type]:
        possibles = " ou ".join(FormatRapport(f).label for f in FORMATS_PAR_TYPE[type])
        raise ValidationError({"format": f"« {TypeRapport(type).label} » se produit en {possibles}."})
    if not Campagne.objects.filter(contrat=contrat, annee=annee).exists():
        raise ValidationError({"annee": f"Aucune campagne {annee} pour ce contrat : choisissez une autre année."})


def _fichier_present(rapport: Rapport) -> bool:
    return bool(rapport.fichier) and private_storage.exists(rapport.fichier.name)


def rapport_existant(*, type: str, format: str, empreinte: str) -> Rapport | None:
    memes = Rapport.objects.filter(type=type, format=format, empreinte=empreinte)
    actif = memes.filter(statut__in=ACTIFS).first()
    if actif:
        return actif
    fait = memes.filter(statut=StatutTravail.REUSSI).exclude(fichier="").order_by("-fin", "-pk").first()
    return fait if fait and _fichier_present(fait) else None


def rapport_launch(*, type: str, format: str, contrat: ContratDeVille, annee: int, by) -> Rapport:
    """The job producing this report from the current data: an existing one when possible, else a new one."""
    verifier_demande(type=type, format=format, contrat=contrat, annee=annee)
    donnees = donnees_du_rapport(type=type, contrat=contrat, annee=annee)
    empreinte = empreinte_du_rapport(type=type, format=format, contrat=contrat, annee=annee, donnees=donnees)
    for _ in range(3):  # a concurrent job may finish between two reads: look again
        existant = rapport_existant(type=type, format=format, empreinte=empreinte)
        if existant:
            return existant
        try:
            with transaction.atomic():
                rapport = Rapport.objects.create(
                    contrat=contrat, type=type, format=format, annee=annee, empreinte=empreinte, demande_par=by
                )
        except IntegrityError:
            continue  # the same report was queued a moment ago: join it
        from suivi.tasks import generer_rapport

        transaction.on_commit(lambda pk=rapport.pk: generer_rapport.delay(pk))
        return rapport
    raise RuntimeError(f"Impossible de lancer ou de retrouver le rapport {type} {empreinte}.")


def chemin_du_rapport(rapport: Rapport) -> str:
    """One stable name per job: a retry overwrites it instead of leaving a second file."""
    return f"rapports/{rapport.type}/{rapport.pk}.{rapport.format}"


def _ecrire(nom: str, contenu: bytes) -> None:
    """Through a temporary file and an atomic rename: a reader never sees half a file."""
    chemin = pathlib.Path(private_storage.path(nom))
    chemin.parent.mkdir(parents=True, exist_ok=True)
    temporaire = chemin.with_name(f".{chemin.name}.{uuid.uuid4().hex}")
    try:
        temporaire.write_bytes(contenu)
        os.replace(temporaire, chemin)
    finally:
        temporaire.unlink(missing_ok=True)


def rapport_run(*, rapport: Rapport, dernier_essai: bool = True) -> Rapport:
    """Render the report and store it. On failure the reason is recorded and the error re-raised: the job waits
    for the next attempt, or is failed when this was the last one."""
    pris = prendre(Rapport, rapport.pk)
    rapport.refresh_from_db()
    if not pris:  # finished or failed meanwhile (a duplicate delivery of the task): nothing to do
        return rapport
    avancer = avancement(Rapport, rapport.pk)
    try:
        donnees = donnees_du_rapport(type=rapport.type, contrat=rapport.contrat, annee=rapport.annee)
        empreinte = empreinte_du_rapport(
            type=rapport.type, format=rapport.format, contrat=rapport.contrat, annee=rapport.annee, donnees=donnees
        )
        avancer(10, "Mise en forme")
        contenu = rendre(type=rapport.type, format=rapport.format, donnees=donnees, avancer=avancer)
        avancer(95, "Enregistrement du fichier")
        nom = chemin_du_rapport(rapport)
        _ecrire(nom, contenu)
    except Exception as erreur:
        _noter_echec(rapport, erreur, dernier_essai)
        raise
    Rapport.objects.filter(pk=rapport.pk, statut=StatutTravail.EN_COURS).update(
        statut=StatutTravail.REUSSI,
        progression=100,
        etape="Terminé",
        fin=timezone.now(),
        fichier=nom,
        empreinte=empreinte,  # the data read now may differ from the launch's: the file is of these
    )
    rapport.refresh_from_db()
    logger.info("Rapport %s (%s %s) terminé : %s", rapport.pk, rapport.type, rapport.format, nom)
    return rapport


def _noter_echec(rapport: Rapport, erreur: Exception, dernier_essai: bool) -> None:
    texte = f"Tentative {rapport.tentatives} : {raison_de_l_echec(erreur)}"
    logger.warning("Rapport %s : %s", rapport.pk, texte, exc_info=erreur)
    if dernier_essai:
        champs = {"statut": StatutTravail.ECHOUE, "fin": timezone.now(), "etape": "Échec"}
    else:  # still active, so that a new launch of the same data joins it rather than starting another
        champs = {"statut": StatutTravail.EN_ATTENTE, "etape": "Échec, nouvel essai dans quelques instants"}
    Rapport.objects.filter(pk=rapport.pk).update(erreur=texte, **champs)
