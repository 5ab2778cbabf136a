from celery import shared_task

from projets.models import Campagne
from projets.services.statistiques import campagne_refresh_statistique


@shared_task(bind=True, autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def refresh_campagne_statistique(self, campagne_id: int) -> str:
    campagne = Campagne.objects.filter(pk=campagne_id).first()
    if campagne is None:  # deleted since the task was queued: nothing to do
        return "absente"
    statistique = campagne_refresh_statistique(campagne=campagne)
    return statistique.calcule_le.isoformat()


@shared_task(bind=True, acks_late=True, retry_backoff=True, max_retries=8, autoretry_for=(OSError,))
def send_recepisse(self, depot_id: int) -> str:
    from projets.models import Depot
    from projets.services.depots import depot_send_recepisse

    depot = Depot.objects.select_related("dossier", "depose_par").get(pk=depot_id)
    depot_send_recepisse(depot=depot)
    return depot.dossier.numero


@shared_task(bind=True, acks_late=True, retry_backoff=True, max_retries=8, autoretry_for=(OSError,))
def send_notification(self, sujet: str, corps: str, destinataires: list[str]) -> int:
    from django.core.mail import send_mail

    return send_mail(sujet, corps, None, destinataires)
