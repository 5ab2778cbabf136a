"""Writes of the exchanges about a submitted dossier: the message thread with the porteur, the private notes.

Each message is mailed to the other side once the transaction commits: the porteur's members when the
instruction writes, the dossier's référent (else every active instructeur) when the porteur answers.
The attachment of a message goes through `validate_upload` like every other uploaded file.
"""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from comptes.roles import Role
from contratville.formatting import de
from projets.enums import EtatDossier
from projets.models import Dossier, Message, NoteInterne, PieceMessage
from projets.services.fichiers import _store
from projets.services.instruction import instruit_le_dossier
from projets.services.notifications import destinataires_porteur, notifier

logger = logging.getLogger(__name__)

TEXTE_VIDE = "Écrivez votre message : il ne peut pas être vide."


def peut_ecrire_pour_l_instruction(user, dossier: Dossier) -> bool:
    """The city's instruction, and the agents of a financeur this dossier asks (they instruct its line)."""
    return user.is_authenticated and user.is_staff and instruit_le_dossier(user, dossier)


def est_membre_du_porteur(user, dossier: Dossier) -> bool:
    return user.is_authenticated and dossier.porteur.membres.filter(user=user).exists()


def destinataires_instruction(dossier: Dossier) -> list[str]:
    """The dossier's référent if it has an active one, else every active instructeur."""
    from comptes.models import User

    referent = dossier.referent
    if referent is not None and referent.is_active:
        return [referent.email]
    return sorted(User.objects.filter(is_active=True, groups__name=Role.INSTRUCTEUR).values_list("email", flat=True))


def _message_create(*, dossier: Dossier, by, texte: str, fichier, de_l_instruction: bool) -> Message:
    texte = (texte or "").strip()
    if not texte:
        raise ValidationError({"texte": TEXTE_VIDE})
    message = Message.objects.create(dossier=dossier, auteur=by, de_l_instruction=de_l_instruction, texte=texte)
    if fichier:
        try:
            _store(PieceMessage(message=message), fichier)
        except ValidationError as error:
            raise ValidationError({"fichier": error.messages}) from error
    logger.info("Message %s écrit sur le dossier %s par l'utilisateur %s", message.pk, dossier.pk, by.pk)
    return message


@transaction.atomic
def message_instruction_send(*, dossier: Dossier, by, texte: str, fichier=None) -> Message:
    """A message of the instruction to the porteur, mailed to the porteur's members and contact address."""
    if not peut_ecrire_pour_l_instruction(by, dossier):
        raise PermissionDenied("Seules les personnes qui instruisent ce dossier écrivent à la structure.")
    if dossier.etat == EtatDossier.BROUILLON:
        raise ValidationError("Ce dossier n'est pas encore déposé : la structure ne peut pas encore vous lire.")
    message = _message_create(dossier=dossier, by=by, texte=texte, fichier=fichier, de_l_instruction=True)
    notifier(
        destinataires=destinataires_porteur(dossier),
        sujet=f"Dossier {dossier.numero} : nouveau message du service politique de la ville",
        gabarit="projets/emails/message_de_l_instruction.txt",
        contexte={"dossier": dossier, "message": message},
    )
    return message


@transaction.atomic
def message_porteur_send(*, dossier: Dossier, by, texte: str, fichier=None) -> Message:
    """A message of the porteur to the instruction, mailed to the référent (else to every instructeur)."""
    if not est_membre_du_porteur(by, dossier):
        raise PermissionDenied("Seules les personnes habilitées pour la structure écrivent sur ce dossier.")
    if dossier.etat == EtatDossier.BROUILLON:
        raise ValidationError("Déposez d'abord le dossier : les messages concernent les dossiers déposés.")
    message = _message_create(dossier=dossier, by=by, texte=texte, fichier=fichier, de_l_instruction=False)
    notifier(
        destinataires=destinataires_instruction(dossier),
        sujet=f"Dossier {dossier.numero} : message {de(dossier.porteur)}",
        gabarit="projets/emails/message_du_porteur.txt",
        contexte={"dossier": dossier, "message": message},
    )
    return message


@transaction.atomic
def note_interne_add(*, dossier: Dossier, by, texte: str) -> NoteInterne:
    """A private note of the instruction: shown on the staff page only, never to the porteur."""
    if not peut_ecrire_pour_l_instruction(by, dossier):
        raise PermissionDenied("Seules les personnes qui instruisent ce dossier y ajoutent des notes.")
    texte = (texte or "").strip()
    if not texte:
        raise ValidationError({"texte": "Écrivez la note : elle ne peut pas être vide."})
    return NoteInterne.objects.create(dossier=dossier, auteur=by, texte=texte)
