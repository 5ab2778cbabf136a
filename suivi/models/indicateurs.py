"""Indicators of the contract: per objectif opérationnel or per action, one value and target per year."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from enjeux.models import ContratDeVille, ObjectifOperationnel
from projets.models import Dossier
from suivi.enums import TypeIndicateur


class Indicateur(models.Model):
    contrat = models.ForeignKey(ContratDeVille, on_delete=models.PROTECT, related_name="indicateurs")
    libelle = models.CharField("libellé", max_length=400)
    type = models.CharField("type", max_length=10, choices=TypeIndicateur.choices, default=TypeIndicateur.NOMBRE)
    unite = models.CharField("unité", max_length=60, blank=True, help_text="Personnes, séances, places…")
    service = models.CharField("service ou institution qui le renseigne", max_length=200, blank=True)
    objectif = models.ForeignKey(
        ObjectifOperationnel,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicateurs",
        verbose_name="objectif opérationnel",
    )
    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, null=True, blank=True, related_name="indicateurs", verbose_name="action"
    )
    actif = models.BooleanField("actif", default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "indicateur"
        ordering = ["contrat", "libelle"]
        constraints = [
            models.CheckConstraint(
                condition=Q(objectif__isnull=True) | Q(dossier__isnull=True), name="indicateur_objectif_ou_action"
            )
        ]

    def __str__(self):
        return self.libelle


class ValeurIndicateur(models.Model):
    indicateur = models.ForeignKey(Indicateur, on_delete=models.CASCADE, related_name="valeurs")
    annee = models.PositiveSmallIntegerField("année")
    valeur = models.DecimalField("valeur atteinte", max_digits=14, decimal_places=2, null=True, blank=True)
    cible = models.DecimalField("cible", max_digits=14, decimal_places=2, null=True, blank=True)
    commentaire = models.TextField("commentaire", blank=True)
    saisie_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "valeur d'indicateur"
        verbose_name_plural = "valeurs d'indicateurs"
        ordering = ["indicateur", "annee"]
        constraints = [
            models.UniqueConstraint(fields=["indicateur", "annee"], name="une_valeur_par_indicateur_et_annee"),
            models.CheckConstraint(condition=Q(valeur__isnull=False) | Q(cible__isnull=False), name="valeur_ou_cible"),
        ]

    def __str__(self):
        return f"{self.indicateur} – {self.annee}"

    @property
    def taux_atteinte(self):
        """Value over target in %, when both are known and the target is not zero."""
        if self.valeur is None or not self.cible:
            return None
        return round(100 * self.valeur / self.cible)
