"""Reads of the exchanges about a dossier: the message thread, the private notes, the attachments of messages."""

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from projets.enums import EtatDossier
from projets.models import Dossier, Message, NoteInterne, PieceMessage
from projets.selectors import dossiers_visibles
from projets.services.echanges import peut_ecrire_pour_l_instruction


def messages_du_dossier(*, dossier: Dossier) -> QuerySet[Message]:
    """The thread, oldest first, with each author and attachment in two queries whatever its length."""
    return (
        Message.objects.filter(dossier=dossier)
        .select_related("auteur")
        .prefetch_related(Prefetch("pieces", PieceMessage.objects.order_by("pk")))
        .order_by("envoye_le", "pk")
    )


def notes_internes(*, dossier: Dossier) -> QuerySet[NoteInterne]:
    """Private notes of the instruction, newest first. For the staff page only: never give them to a porteur."""
    return NoteInterne.objects.filter(dossier=dossier).select_related("auteur").order_by("-ecrite_le", "-pk")


def contexte_echanges(*, dossier: Dossier, user) -> dict:
    """What the messages and notes sections of the staff page show."""
    peut_lire_notes = user.has_perm("projets.view_noteinterne")
    return {
        "fil_messages": list(messages_du_dossier(dossier=dossier)),
        "notes_internes": list(notes_internes(dossier=dossier)) if peut_lire_notes else [],
        "peut_lire_notes": peut_lire_notes,
        "peut_ecrire_echanges": peut_ecrire_pour_l_instruction(user, dossier),
    }


def get_dossier_depose_for_membre(*, user, pk: int) -> Dossier:
    """A submitted dossier of one of the user's porteurs (the porteur's messages page); 404 otherwise."""
    queryset = (
        Dossier.objects.filter(porteur__membres__user=user)
        .exclude(etat=EtatDossier.BROUILLON)
        .select_related("campagne", "porteur", "referent")
        .distinct()
    )
    return get_object_or_404(queryset, pk=pk)


def get_piece_message_for_user(*, user, pk: int) -> PieceMessage:
    """An attachment of a message, for the members of the dossier's porteur and for the staff who may read the
    dossier (`dossiers_visibles`); 404 for anyone else, the conseil citoyen included, so nothing leaks."""
    if not user.is_authenticated:
        raise Http404("Pièce introuvable.")
    piece = get_object_or_404(PieceMessage.objects.select_related("message__dossier__porteur"), pk=pk)
    dossier = piece.message.dossier
    membre = dossier.porteur.membres.filter(user=user).exists()
    staff = user.is_staff and dossiers_visibles(user=user).filter(pk=dossier.pk).exists()
    if not (membre or staff):
        raise Http404("Pièce introuvable.")
    return piece
