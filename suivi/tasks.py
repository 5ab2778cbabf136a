from celery import shared_task

from projets.tasks import OPTIONS_TRAVAIL


@shared_task(bind=True, acks_late=True, autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def relancer_bilans(self) -> int:
    """Daily (contratville/settings.py CELERY_BEAT_SCHEDULE): remind the porteurs of the bilans due or late."""
    from suivi.services.relances import relances_send

    return len(relances_send())


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, retry_backoff=True, max_retries=5,
             autoretry_for=(OSError,))  # fmt: skip
def generer_convention(self, convention_id: int) -> str:
    from suivi.models import Convention
    from suivi.services.documents import convention_store_pdf

    convention = Convention.objects.filter(pk=convention_id).first()
    if convention is None:  # deleted since the task was queued
        return "absente"
    return convention_store_pdf(convention=convention)


@shared_task(**OPTIONS_TRAVAIL)  # the COPIL documents' retry rules
def generer_rapport(self, rapport_id: int) -> str:
    from suivi.models import Rapport
    from suivi.services.rapports import rapport_run

    rapport = Rapport.objects.filter(pk=rapport_id).first()
    if rapport is None:
        return "absent"
    return rapport_run(rapport=rapport, dernier_essai=self.request.retries >= self.max_retries).statut
