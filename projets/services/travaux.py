"""Generation jobs of the COPIL's documents: launch once per input, run in the worker, keep one file per job.

- `travail_lancer` fingerprints the data that goes into the document: a job already queued or running for the
  same data is returned (the partial unique constraint settles races), and so is the last succeeded one whose
  file exists — the same input gives the same file, never a second rendering.
- `travail_executer` runs in the Celery task: progress, timings and attempts in the row, one file per job
  (an atomic rename, so a retry after a crash overwrites it), the reason of a failure in French.
"""

import dataclasses
import hashlib
import json
import logging
import os
import pathlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from contratville.outbox import envoyer_apres_commit
from projets.enums import StatutSeance, StatutTravail, TypeInstance, TypeTravail
from projets.models import Campagne, Seance, Travail
from projets.selectors_lettres import lettres_de_seance
from projets.selectors_proces_verbal import proces_verbal_de_seance
from projets.selectors_programmation import programmation_campagne
from projets.services.documents import lettres_zip, proces_verbal_pdf, programmation_pdf
from projets.storage import private_storage

logger = logging.getLogger(__name__)

# Part of every empreinte: bump it when a template changes, so that the same data gives a new file.
VERSION_MISE_EN_PAGE = 1

ACTIFS = [StatutTravail.EN_ATTENTE, StatutTravail.EN_COURS]


class ObjectManquant(Exception):
    """The campagne or séance of a job is gone."""


@dataclass
class Rendu:
    contenu: bytes
    extension: str


def _donnees(travail_type: str, campagne: Campagne | None, seance: Seance | None):
    if travail_type == TypeTravail.PROGRAMMATION:
        return programmation_campagne(campagne=campagne)
    if travail_type == TypeTravail.PROCES_VERBAL:
        return proces_verbal_de_seance(seance=seance)
    return lettres_de_seance(seance=seance)


def empreinte_de(contenu: dict) -> str:
    """SHA-256 of canonical JSON: the same content always gives the same empreinte."""
    texte = json.dumps(contenu, sort_keys=True, ensure_ascii=False, default=str, separators=(",", ":"))
    return hashlib.sha256(texte.encode()).hexdigest()


def empreinte_des_donnees(*, type: str, campagne: Campagne | None, seance: Seance | None, donnees) -> str:
    """SHA-256 of the document's data as canonical JSON, with what it is about and the layout version."""
    contenu = {
        "type": type,
        "campagne": campagne.pk if campagne else None,
        "seance": seance.pk if seance else None,
        "version": VERSION_MISE_EN_PAGE,
        "donnees": [dataclasses.asdict(x) for x in donnees]
        if isinstance(donnees, list)
        else dataclasses.asdict(donnees),
    }
    return empreinte_de(contenu)


def _verifier(type: str, campagne: Campagne | None, seance: Seance | None) -> tuple[Campagne | None, Seance | None]:
    if type == TypeTravail.PROGRAMMATION:
        if campagne is None:
            raise ValidationError("Choisissez la campagne dont il faut la programmation.")
        return campagne, None
    if seance is None:
        raise ValidationError("Choisissez la séance du comité de pilotage.")
    if type == TypeTravail.LETTRES:
        if seance.comite.type != TypeInstance.COPIL or seance.statut != StatutSeance.CLOSE:
            raise ValidationError(
                "Les lettres de décision partent après la clôture d'une séance du comité de pilotage : "
                "closez d'abord la séance."
            )
    return None, seance


def existant(memes):
    """Among the jobs of the same input: the one queued or running, else the last succeeded one whose file is
    still there."""
    actif = memes.filter(statut__in=ACTIFS).first()
    if actif:
        return actif
    fait = memes.filter(statut=StatutTravail.REUSSI).exclude(fichier="").order_by("-fin", "-pk").first()
    return fait if fait and bool(fait.fichier) and private_storage.exists(fait.fichier.name) else None


def lancer(modele, *, entree: dict, autres: dict, tache, chercher):
    """The job for `entree` (the fields that identify the input, empreinte included): the one `chercher()` finds,
    else a new one queued on `tache` at commit. The partial unique constraint settles races."""
    for _ in range(3):  # a concurrent job may finish between two reads: look again
        if trouve := chercher():
            return trouve
        try:
            with transaction.atomic():
                nouveau = modele.objects.create(**entree, **autres)
                envoyer_apres_commit(tache, nouveau.pk)  # committed with the job, sent at commit
        except IntegrityError:
            continue  # someone queued the same input a moment ago: join their job
        return nouveau
    raise RuntimeError(f"Impossible de lancer ou de retrouver le travail {entree}.")


def travail_existant(*, type: str, empreinte: str) -> Travail | None:
    return existant(Travail.objects.filter(type=type, empreinte=empreinte))


def travail_lancer(*, type: str, campagne: Campagne | None = None, seance: Seance | None = None, par) -> Travail:
    """The job producing this document from the current data: an existing one when possible, else a new one."""
    from projets.tasks import generer_document

    campagne, seance = _verifier(type, campagne, seance)
    donnees = _donnees(type, campagne, seance)
    entree = {
        "type": type,
        "empreinte": empreinte_des_donnees(type=type, campagne=campagne, seance=seance, donnees=donnees),
    }
    return lancer(
        Travail,
        entree=entree,
        autres={"campagne": campagne, "seance": seance, "demande_par": par},
        tache=generer_document,
        chercher=lambda: travail_existant(**entree),
    )


def chemin_du_fichier(travail: Travail, extension: str) -> str:
    """One stable name per job: a retry overwrites it instead of leaving a second file."""
    return f"travaux/{travail.type}/{travail.pk}.{extension}"


def ecrire_fichier(nom: str, contenu: bytes) -> None:
    """Write through a temporary file and an atomic rename: a reader never sees half a file."""
    chemin = pathlib.Path(private_storage.path(nom))
    chemin.parent.mkdir(parents=True, exist_ok=True)
    for reste in chemin.parent.glob(f".{chemin.name}.*"):  # left by a worker killed while writing
        reste.unlink(missing_ok=True)
    temporaire = chemin.with_name(f".{chemin.name}.{uuid.uuid4().hex}")
    try:
        temporaire.write_bytes(contenu)
        os.replace(temporaire, chemin)
    finally:
        temporaire.unlink(missing_ok=True)


def avancement(modele, pk: int) -> Callable[[int, str], None]:
    """Progress reports of a running job (a Travail, or a suivi Rapport: both have these fields)."""

    def avancer(progression: int, etape: str) -> None:
        modele.objects.filter(pk=pk, statut=StatutTravail.EN_COURS).update(
            progression=max(0, min(progression, 99)), etape=etape[:200]
        )

    return avancer


def prendre(modele, pk: int) -> bool:
    """Claim a queued job for this attempt; False when it finished or failed meanwhile (a duplicate delivery)."""
    return bool(
        modele.objects.filter(pk=pk, statut__in=ACTIFS).update(
            statut=StatutTravail.EN_COURS,
            debut=timezone.now(),
            fin=None,
            progression=0,
            etape="Lecture des données",
            tentatives=F("tentatives") + 1,
        )
    )


def _rendre(travail: Travail, avancer) -> tuple[Rendu, str, object]:
    donnees = _donnees(travail.type, travail.campagne, travail.seance)
    empreinte = empreinte_des_donnees(
        type=travail.type, campagne=travail.campagne, seance=travail.seance, donnees=donnees
    )
    if travail.type == TypeTravail.PROGRAMMATION:
        avancer(10, f"Mise en forme de {donnees.nombre_dossiers} dossiers")
        pdf = programmation_pdf(campagne=travail.campagne, programmation=donnees, empreinte=empreinte, avancer=avancer)
        return Rendu(pdf, "pdf"), empreinte, donnees
    if travail.type == TypeTravail.PROCES_VERBAL:
        avancer(10, "Mise en forme du procès-verbal")
        pdf = proces_verbal_pdf(seance=travail.seance, proces_verbal=donnees, empreinte=empreinte, avancer=avancer)
        return Rendu(pdf, "pdf"), empreinte, donnees
    return Rendu(lettres_zip(donnees, avancer=avancer), "zip"), empreinte, donnees


def raison_de_l_echec(erreur: Exception) -> str:
    """What went wrong, in words the staff can act on, then the technical detail."""
    if isinstance(erreur, OSError):
        raison = "le fichier n'a pas pu être écrit (disque plein ou droits du dossier des fichiers privés)"
    elif isinstance(erreur, DatabaseError):
        raison = "la base de données n'a pas répondu"
    elif isinstance(erreur, ObjectManquant):
        raison = "la campagne ou la séance a été supprimée"
    else:
        raison = "erreur inattendue pendant la mise en page"
    return f"{raison} – {type(erreur).__name__} : {erreur}"


def travail_executer(*, travail: Travail, dernier_essai: bool = True) -> Travail:
    """Render the job's document and store it. On failure the reason is recorded and the error re-raised:
    the job waits for the next attempt, or is failed (ECHOUE) when this was the last one."""
    pris = prendre(Travail, travail.pk)
    travail.refresh_from_db()
    if not pris:  # finished or failed meanwhile (a duplicate delivery of the task): nothing to do
        return travail
    avancer = avancement(Travail, travail.pk)
    try:
        if (travail.campagne_id is None) == (travail.seance_id is None):
            raise ObjectManquant("ni campagne ni séance")
        rendu, empreinte, donnees = _rendre(travail, avancer)
        avancer(95, "Enregistrement du fichier")
        nom = chemin_du_fichier(travail, rendu.extension)
        ecrire_fichier(nom, rendu.contenu)
    except Exception as erreur:
        noter_echec(Travail, travail, erreur, dernier_essai)
        raise
    termine = Travail.objects.filter(pk=travail.pk, statut=StatutTravail.EN_COURS).update(
        statut=StatutTravail.REUSSI,
        progression=100,
        etape="Terminé",
        fin=timezone.now(),
        fichier=nom,
        # The data read now may differ from the launch's: the file is of these, and so is its empreinte.
        empreinte=empreinte,
    )
    travail.refresh_from_db()
    if termine and travail.type == TypeTravail.LETTRES:
        _envoyer_les_lettres(travail, donnees)
    logger.info("Travail %s (%s) terminé : %s", travail.pk, travail.type, nom)
    return travail


def noter_echec(modele, travail, erreur: Exception, dernier_essai: bool) -> None:
    """The reason in French on the job; it waits for the next attempt, or is failed after the last one."""
    texte = f"Tentative {travail.tentatives} : {raison_de_l_echec(erreur)}"
    logger.warning("%s %s : %s", modele.__name__, travail.pk, texte, exc_info=erreur)
    if dernier_essai:
        champs = {"statut": StatutTravail.ECHOUE, "fin": timezone.now(), "etape": "Échec"}
    else:  # still active, so that a new launch of the same input joins it rather than starting another
        champs = {"statut": StatutTravail.EN_ATTENTE, "etape": "Échec, nouvel essai dans quelques instants"}
    modele.objects.filter(pk=travail.pk).update(erreur=texte, **champs)


def _envoyer_les_lettres(travail: Travail, lettres) -> None:
    """One mail per porteur, each its own task (retried on its own), queued once: when the job succeeds."""
    from projets.tasks import send_lettre_decision

    for lettre in lettres:
        envoyer_apres_commit(send_lettre_decision, travail.pk, lettre.porteur_id)
