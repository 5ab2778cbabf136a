"""Reminders of the bilans, sent by the daily beat: before the due date, then when late. Each step goes once
per dossier and due date (the unique constraint settles two beats running at once)."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from projets.services.notifications import destinataires_porteur, notifier
from suivi.enums import PalierRelance
from suivi.models import Relance
from suivi.rules import PALIERS_RELANCE, palier_de_relance
from suivi.selectors import bilans_attendus

PALIERS_EN_RETARD = {p for p, jours in PALIERS_RELANCE.items() if jours > 0}


def relances_send(*, today: datetime.date | None = None) -> list[Relance]:
    today = today or timezone.localdate()
    envoyees = []
    for attendu in bilans_attendus(today=today):
        palier = palier_de_relance(echeance=attendu.echeance, aujourd_hui=today)
        if palier is None:
            continue
        deja = set(
            Relance.objects.filter(dossier=attendu.dossier, echeance=attendu.echeance).values_list("palier", flat=True)
        )
        ordre = list(PALIERS_RELANCE)
        if deja and max(ordre.index(p) for p in deja) >= ordre.index(palier):
            continue  # this step, or a later one, was already sent for this due date
        relance = _send(attendu, PalierRelance(palier))
        if relance:
            envoyees.append(relance)
    return envoyees


def _send(attendu, palier: PalierRelance) -> Relance | None:
    destinataires = destinataires_porteur(attendu.dossier)
    try:
        with transaction.atomic():
            relance = Relance.objects.create(
                dossier=attendu.dossier,
                palier=palier,
                echeance=attendu.echeance,
                envoyee_le=timezone.now(),
                destinataires=destinataires,
            )
            en_retard = palier in PALIERS_EN_RETARD
            notifier(
                destinataires=destinataires,
                sujet=("Bilan en retard : " if en_retard else "Bilan à déposer : ") + attendu.dossier.intitule,
                gabarit="suivi/emails/relance_bilan.txt",
                contexte={"dossier": attendu.dossier, "echeance": attendu.echeance, "en_retard": en_retard},
            )
    except IntegrityError:
        return None  # another beat sent it a moment ago
    return relance
