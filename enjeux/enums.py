from django.db import models


class TypeQuartier(models.TextChoices):
    QPV = "qpv", "Quartier prioritaire (QPV)"
    VEILLE_ACTIVE = "veille_active", "Quartier de veille active"
    SOUS_QUARTIER = "sous_quartier", "Sous-quartier"
