"""Reports of the suivi produced by the worker (PDF, XLSX, CSV), with their progress."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from enjeux.models import ContratDeVille
from projets.enums import StatutTravail
from projets.storage import private_storage
from suivi.enums import FormatRapport, TypeRapport


class Rapport(models.Model):
    """One generation job; the same data (`empreinte`) never runs twice at once (projets.Travail's rule)."""

    contrat = models.ForeignKey(ContratDeVille, on_delete=models.CASCADE, related_name="rapports")
    type = models.CharField("rapport", max_length=20, choices=TypeRapport.choices)
    format = models.CharField("format", max_length=5, choices=FormatRapport.choices)
    annee = models.PositiveSmallIntegerField("année")
    empreinte = models.CharField("empreinte des données", max_length=64)
    statut = models.CharField("statut", max_length=20, choices=StatutTravail.choices, default=StatutTravail.EN_ATTENTE)
    demande_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    demande_le = models.DateTimeField("demandé le", auto_now_add=True)
    debut = models.DateTimeField("début", null=True, blank=True)
    fin = models.DateTimeField("fin", null=True, blank=True)
    progression = models.PositiveSmallIntegerField("progression (%)", default=0)
    etape = models.CharField("étape", max_length=200, blank=True)
    tentatives = models.PositiveSmallIntegerField("tentatives", default=0)
    erreur = models.TextField("erreur", blank=True)
    fichier = models.FileField("fichier", storage=private_storage, blank=True, max_length=200)

    class Meta:
        verbose_name = "rapport de suivi"
        verbose_name_plural = "rapports de suivi"
        ordering = ["-demande_le"]
        constraints = [
            models.UniqueConstraint(
                fields=["type", "format", "empreinte"],
                condition=Q(statut__in=[StatutTravail.EN_ATTENTE, StatutTravail.EN_COURS]),
                name="un_rapport_actif_par_empreinte",
            )
        ]

    def __str__(self):
        return f"{self.get_type_display()} {self.annee} ({self.get_format_display()})"

    @property
    def nom_fichier(self) -> str:
        return f"{self.type}-{self.annee}.{self.format}"
