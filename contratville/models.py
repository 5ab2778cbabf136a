from django.db import models
from django.utils import timezone


class TacheEnAttente(models.Model):
    """A Celery task waiting to be sent to the broker (a transactional outbox, contratville/outbox.py).

    Written in the transaction of the change that needs the task, deleted once the broker has it: a committed
    change never loses its task, even when Redis is down at that moment."""

    tache = models.CharField("tâche", max_length=200)
    arguments = models.JSONField(default=list)
    cree_le = models.DateTimeField("créée le", default=timezone.now)
    tentatives = models.PositiveIntegerField("envois refusés", default=0)
    derniere_erreur = models.TextField("dernière erreur", blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = "tâche en attente d'envoi"
        verbose_name_plural = "tâches en attente d'envoi"

    def __str__(self):
        return f"{self.tache}{tuple(self.arguments)}"
