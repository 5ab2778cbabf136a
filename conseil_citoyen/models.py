# The conseil citoyen (composition, tirage au sort, réunions, FPH) is built in its own issue; its avis on a
# dossier is declared now because the instruction shows it next to its own.
from django.db import models
from simple_history.models import HistoricalRecords

from projets.enums import Avis
from projets.models import Dossier


class AvisConseilCitoyen(models.Model):
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="avis_conseil_citoyen")
    avis = models.CharField("avis", max_length=20, choices=Avis.choices)
    texte = models.TextField("avis motivé")
    rendu_le = models.DateField("rendu le")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "avis du conseil citoyen"
        verbose_name_plural = "avis du conseil citoyen"
        ordering = ["dossier", "-rendu_le"]

    def __str__(self):
        return f"Avis du conseil citoyen – {self.dossier}"
