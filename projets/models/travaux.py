"""Documents produced by the Celery worker (programmation, procès-verbal, decision letters) and their progress."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from projets.enums import StatutTravail, TypeTravail
from projets.models.campagnes import Campagne
from projets.storage import private_storage, random_name


def travail_upload_to(instance, filename):
    return random_name(f"travaux/{instance.type}", filename)


class Travail(models.Model):
    """One generation job. The same input (`empreinte`) never runs twice at once, and gives the same file."""

    type = models.CharField("document", max_length=20, choices=TypeTravail.choices)
    campagne = models.ForeignKey(Campagne, on_delete=models.CASCADE, related_name="travaux", null=True, blank=True)
    seance = models.ForeignKey(
        "projets.Seance", on_delete=models.CASCADE, related_name="travaux", null=True, blank=True
    )
    empreinte = models.CharField("empreinte des données", max_length=64)
    statut = models.CharField("statut", max_length=20, choices=StatutTravail.choices, default=StatutTravail.EN_ATTENTE)
    progression = models.PositiveSmallIntegerField("progression (%)", default=0)
    etape = models.CharField("étape en cours", max_length=200, blank=True)
    demande_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    demande_le = models.DateTimeField("demandé le", auto_now_add=True)
    debut = models.DateTimeField("début", null=True, blank=True)
    fin = models.DateTimeField("fin", null=True, blank=True)
    tentatives = models.PositiveSmallIntegerField("tentatives", default=0)
    erreur = models.TextField("erreur", blank=True)
    fichier = models.FileField("fichier", storage=private_storage, upload_to=travail_upload_to, blank=True)

    class Meta:
        verbose_name = "document généré"
        verbose_name_plural = "documents générés"
        ordering = ["-demande_le"]
        constraints = [
            # At most one job queued or running per input: a second launch joins the first.
            models.UniqueConstraint(
                fields=["type", "empreinte"],
                condition=Q(statut__in=[StatutTravail.EN_ATTENTE, StatutTravail.EN_COURS]),
                name="un_travail_actif_par_empreinte",
            )
        ]

    def __str__(self):
        return f"{self.get_type_display()} – {self.get_statut_display()}"

    @property
    def duree(self):
        return self.fin - self.debut if self.debut and self.fin else None
