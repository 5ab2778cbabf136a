"""Decision letters sent to the porteurs once the job that renders them has succeeded."""

import logging

from django.core.mail import EmailMessage
from django.template.loader import render_to_string

from projets.enums import StatutTravail, TypeTravail
from projets.models import Dossier, Porteur, Travail
from projets.services.documents import lettre_du_zip
from projets.services.notifications import destinataires_porteur

logger = logging.getLogger(__name__)


def nom_de_telechargement(travail: Travail, porteur: Porteur) -> str:
    return f"decision-copil-{travail.seance.date:%Y-%m-%d}-{porteur.pk}.pdf"


def lettre_de_travail(*, travail: Travail, porteur_id: int) -> bytes | None:
    """A porteur's letter from a succeeded letters job; None if the job has no letter for it."""
    if travail.type != TypeTravail.LETTRES or travail.statut != StatutTravail.REUSSI or not travail.fichier:
        return None
    with travail.fichier.open("rb") as archive:
        return lettre_du_zip(archive, porteur_id)


def lettre_decision_envoyer(*, travail: Travail, porteur_id: int) -> list[str]:
    """Mail a porteur its letter (PDF attached) at the addresses of its members and of the structure."""
    porteur = Porteur.objects.get(pk=porteur_id)
    pdf = lettre_de_travail(travail=travail, porteur_id=porteur_id)
    if pdf is None:
        logger.warning("Travail %s : pas de lettre pour la structure %s", travail.pk, porteur_id)
        return []
    # The porteur's recipients, as for every other mail about its dossiers.
    destinataires = destinataires_porteur(Dossier(porteur=porteur))
    if not destinataires:
        return []
    seance = travail.seance
    message = EmailMessage(
        subject=f"Décision du comité de pilotage du {seance.date:%d/%m/%Y} sur vos dossiers",
        body=render_to_string("projets/emails/lettre_decision.txt", {"seance": seance, "porteur": porteur}),
        to=destinataires,
    )
    message.attach(nom_de_telechargement(travail, porteur), pdf, "application/pdf")
    message.send()
    logger.info("Lettre de décision %s envoyée à %s", porteur, ", ".join(destinataires))
    return destinataires
