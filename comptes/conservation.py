"""Retention periods (RGPD), each set in the environment: what is deleted, and after how long. The public page
« Données personnelles » shows the same table (DUREES), so what is said is what is done."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone


@dataclass(frozen=True)
class Duree:
    donnees: str
    finalite: str
    jours: int


def durees() -> list[Duree]:
    return [
        Duree(
            "Brouillons de dossiers jamais déposés",
            "préparer un dossier de l'appel à projets",
            settings.CONSERVATION_BROUILLONS_JOURS,
        ),
        Duree(
            "Messages échangés avec l'instruction et leurs pièces",
            "instruire le dossier",
            settings.CONSERVATION_MESSAGES_JOURS,
        ),
        Duree(
            "Listes des bailleurs pour le tirage au sort du conseil citoyen",
            "tirer au sort des habitants",
            settings.CONSERVATION_LISTES_TIRAGE_JOURS,
        ),
    ]


@transaction.atomic
def appliquer(*, maintenant: datetime.datetime | None = None) -> dict[str, int]:
    """Delete what is past its period: drafts of campaigns closed long ago, old messages, draw lists."""
    from conseil_citoyen.models import TirageAuSort
    from conseil_citoyen.services.tirage import tirage_purger
    from projets.enums import EtatDossier
    from projets.models import Dossier, Message

    maintenant = maintenant or timezone.now()
    limite = maintenant - datetime.timedelta(days=settings.CONSERVATION_BROUILLONS_JOURS)
    brouillons, _ = Dossier.objects.filter(etat=EtatDossier.BROUILLON, campagne__date_cloture__lt=limite).delete()
    limite = maintenant - datetime.timedelta(days=settings.CONSERVATION_MESSAGES_JOURS)
    messages, _ = Message.objects.filter(envoye_le__lt=limite).delete()
    limite = maintenant - datetime.timedelta(days=settings.CONSERVATION_LISTES_TIRAGE_JOURS)
    listes = sum(
        tirage_purger(tirage=t) for t in TirageAuSort.objects.filter(effectue_le__lt=limite, purge_le__isnull=True)
    )
    return {"brouillons": brouillons, "messages": messages, "personnes des listes": listes}
