"""Writes of porteurs' files: standing documents (new versions, the older ones kept) and dossier attachments.

Every file goes through `validate_upload` here, whatever the form did: a service may be called from elsewhere
(the admin, an import, the wizard). Files are stored in the private storage under a random name.
"""

import functools
import logging

from django.core.exceptions import ValidationError
from django.db import transaction

from projets.enums import EtatDossier, TypeDocument
from projets.models import DocumentPorteur, Dossier, PieceJointe, Porteur
from projets.selectors_complements import etapes_modifiables
from projets.uploads import validate_upload
from projets.workflows import ETATS_PIECES_MODIFIABLES

logger = logging.getLogger(__name__)


def pieces_modifiables(dossier: Dossier) -> bool:
    """While drafting; when compléments are asked, only if the request reopened the pièces step."""
    return dossier.etat in ETATS_PIECES_MODIFIABLES and "pieces" in etapes_modifiables(dossier=dossier)


def _lock_and_check_pieces_modifiables(dossier: Dossier) -> None:
    """Re-read the state under a row lock: a submission at the same moment waits for this change, or wins."""
    dossier.etat = Dossier.objects.select_for_update().values_list("etat", flat=True).get(pk=dossier.pk)
    if dossier.etat == EtatDossier.COMPLEMENTS_DEMANDES and not pieces_modifiables(dossier):
        raise ValidationError(
            "Les pièces jointes ne font pas partie des compléments demandés : elles restent telles que vous les "
            "avez déposées. Si une pièce manque, écrivez au service politique de la ville.",
            code="etape_non_rouverte",
        )
    if not pieces_modifiables(dossier):
        raise ValidationError(
            f"Le dossier est « {dossier.get_etat_display()} » : ses pièces jointes ne peuvent plus être modifiées. "
            "Si l'instruction vous demande des compléments, vous pourrez de nouveau en ajouter.",
            code="dossier_non_modifiable",
        )


def _store(instance, fichier) -> None:
    """Check the file, write it under a random name with the detected extension, then the row."""
    info = validate_upload(fichier)
    instance.nom_original = info.nom_original
    instance.type_mime = info.type_mime
    instance.taille = info.taille
    instance.sha256 = info.sha256
    instance.fichier.save(f"fichier.{info.extension}", fichier, save=False)
    try:
        instance.save()
    except BaseException:
        instance.fichier.storage.delete(instance.fichier.name)  # no file without its row
        raise


@transaction.atomic
def document_porteur_add(*, porteur: Porteur, type: str, date_document, fichier, by) -> DocumentPorteur:
    """A new version of a standing document: it becomes the current one, the older ones stay for history."""
    if type not in TypeDocument.values:
        raise ValidationError(f"Type de document inconnu : « {type} ».", code="type_inconnu")
    document = DocumentPorteur(porteur=porteur, type=type, date_document=date_document, depose_par=by)
    _store(document, fichier)
    logger.info("Document %s déposé pour le porteur %s par l'utilisateur %s", document.pk, porteur.pk, by.pk)
    return document


@transaction.atomic
def piece_jointe_add(*, dossier: Dossier, libelle: str, fichier, by) -> PieceJointe:
    _lock_and_check_pieces_modifiables(dossier)
    piece = PieceJointe(dossier=dossier, libelle=libelle.strip(), deposee_par=by)
    _store(piece, fichier)
    logger.info("Pièce jointe %s ajoutée au dossier %s par l'utilisateur %s", piece.pk, dossier.pk, by.pk)
    return piece


@transaction.atomic
def piece_jointe_delete(*, piece: PieceJointe, by) -> None:
    """Delete the attachment; its file goes once the deletion is committed (never a row without its file)."""
    _lock_and_check_pieces_modifiables(piece.dossier)
    storage, name = piece.fichier.storage, piece.fichier.name
    piece_pk, dossier_pk = piece.pk, piece.dossier_id
    piece.delete()
    transaction.on_commit(functools.partial(storage.delete, name))
    logger.info("Pièce jointe %s supprimée du dossier %s par l'utilisateur %s", piece_pk, dossier_pk, by.pk)
