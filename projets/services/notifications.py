"""Mails to the porteur or to the instruction, queued once the transaction that motivates them commits."""

from django.template.loader import render_to_string

from contratville.outbox import envoyer_apres_commit
from projets.models import Dossier


def destinataires_porteur(dossier: Dossier) -> list[str]:
    emails = {m.user.email for m in dossier.porteur.membres.select_related("user") if m.user.is_active}
    if dossier.porteur.email:
        emails.add(dossier.porteur.email)
    return sorted(emails)


def notifier(*, destinataires: list[str], sujet: str, gabarit: str, contexte: dict) -> None:
    from projets.tasks import send_notification

    destinataires = sorted({email for email in destinataires if email})
    if not destinataires:
        return
    corps = render_to_string(gabarit, contexte)
    envoyer_apres_commit(send_notification, sujet, corps, destinataires)
