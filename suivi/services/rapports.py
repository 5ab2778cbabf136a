"""The suivi's reports as jobs of the worker, on the generation machinery of projets/services/travaux.py:

- `rapport_launch` fingerprints the report's data: a job queued or running for the same data is joined (the
  partial unique constraint settles races), the last succeeded one whose file is there is returned;
- `rapport_run` runs in the Celery task: progress in the row, one file per job written through an atomic
  rename (a retry after a crash overwrites it), the reason of a failure in French, re-raised for the retry.
"""

import dataclasses
import logging

from django.core.exceptions import ValidationError
from django.utils import timezone

from enjeux.models import ContratDeVille
from projets.enums import StatutTravail
from projets.models import Campagne
from projets.services.travaux import (
    avancement,
    ecrire_fichier,
    empreinte_de,
    existant,
    lancer,
    noter_echec,
    prendre,
)
from suivi.enums import FormatRapport, TypeRapport
from suivi.models import Rapport
from suivi.selectors_bilan_annuel import bilan_annuel
from suivi.selectors_rapport_objectifs import tableau_objectifs
from suivi.selectors_rapports import actions_pour_l_etat, conventionnees, etat_annexe
from suivi.services.rapports_rendu import rendre

logger = logging.getLogger(__name__)

# Bump when a template or a layout changes: the same data then gives a new file.
VERSION_MISE_EN_PAGE = 1

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
    return empreinte_de(contenu)


def verifier_demande(*, type: str, format: str, contrat: ContratDeVille, annee: int) -> None:
    """The report exists in this format and the year has a campagne; each error names its field."""
    if type not in FORMATS_PAR_TYPE:
        raise ValidationError({"type": "Choisissez un rapport de la liste."})
    if format not in FORMATS_PAR_TYPE[type]:
        possibles = " ou ".join(FormatRapport(f).label for f in FORMATS_PAR_TYPE[type])
        raise ValidationError({"format": f"« {TypeRapport(type).label} » se produit en {possibles}."})
    if not Campagne.objects.filter(contrat=contrat, annee=annee).exists():
        raise ValidationError({"annee": f"Aucune campagne {annee} pour ce contrat : choisissez une autre année."})


def rapport_existant(*, type: str, format: str, empreinte: str) -> Rapport | None:
    return existant(Rapport.objects.filter(type=type, format=format, empreinte=empreinte))


def rapport_launch(*, type: str, format: str, contrat: ContratDeVille, annee: int, by) -> Rapport:
    """The job producing this report from the current data: an existing one when possible, else a new one."""
    from suivi.tasks import generer_rapport

    verifier_demande(type=type, format=format, contrat=contrat, annee=annee)
    donnees = donnees_du_rapport(type=type, contrat=contrat, annee=annee)
    entree = {
        "type": type,
        "format": format,
        "empreinte": empreinte_du_rapport(type=type, format=format, contrat=contrat, annee=annee, donnees=donnees),
    }
    autres = {"contrat": contrat, "annee": annee, "demande_par": by}
    return lancer(
        Rapport, entree=entree, autres=autres, tache=generer_rapport, chercher=lambda: rapport_existant(**entree)
    )


def chemin_du_rapport(rapport: Rapport) -> str:
    """One stable name per job: a retry overwrites it instead of leaving a second file."""
    return f"rapports/{rapport.type}/{rapport.pk}.{rapport.format}"


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
        ecrire_fichier(nom, contenu)
    except Exception as erreur:
        noter_echec(Rapport, rapport, erreur, dernier_essai)
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
