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


# Documents of the COPIL (projets/services/travaux.py). Acks late and rejected when the worker dies, so that a
# crash puts the task back in the queue; the service re-renders and overwrites the job's single file.
OPTIONS_TRAVAIL = {
    "bind": True,
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": (Exception,),
    "max_retries": 3,
    "retry_backoff": 5,
    "retry_backoff_max": 300,
    "retry_jitter": True,
}


@shared_task(**OPTIONS_TRAVAIL)
def generer_document(self, travail_id: int) -> str:
    from projets.models import Travail
    from projets.services.travaux import travail_executer

    travail = Travail.objects.filter(pk=travail_id).first()
    if travail is None:  # deleted since the task was queued
        return "absent"
    travail = travail_executer(travail=travail, dernier_essai=self.request.retries >= self.max_retries)
    return travail.statut


@shared_task(bind=True, acks_late=True, retry_backoff=True, max_retries=8, autoretry_for=(OSError,))
def send_lettre_decision(self, travail_id: int, porteur_id: int) -> int:
    from projets.models import Travail
    from projets.services.lettres import lettre_decision_envoyer

    travail = Travail.objects.select_related("seance__campagne").get(pk=travail_id)
    return len(lettre_decision_envoyer(travail=travail, porteur_id=porteur_id))
