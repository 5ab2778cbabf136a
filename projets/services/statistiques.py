from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone

from projets.enums import ETATS_FINANCES, EtatDossier
from projets.models import Campagne, StatistiqueCampagne


def campagne_refresh_statistique(*, campagne: Campagne) -> StatistiqueCampagne:
    """Rebuild the cached headline figures of a campagne (run by a Celery task)."""
    dossiers = campagne.dossiers.exclude(etat=EtatDossier.BROUILLON)
    counts = dossiers.aggregate(
        nombre_dossiers=Count("pk"), nombre_finances=Count("pk", filter=Q(etat__in=ETATS_FINANCES))
    )
    sums = dossiers.aggregate(
        montant_demande=Sum("lignes_financement__montant_demande"),
        montant_vote=Sum("lignes_financement__montant_vote", filter=Q(etat__in=ETATS_FINANCES)),
    )
    statistique, _ = StatistiqueCampagne.objects.update_or_create(
        campagne=campagne,
        defaults={
            **counts,
            "montant_demande": sums["montant_demande"] or Decimal("0"),
            "montant_vote": sums["montant_vote"] or Decimal("0"),
            "calcule_le": timezone.now(),
        },
    )
    return statistique
