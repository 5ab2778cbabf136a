from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models

from projets.storage import private_storage, random_name


def montant_field(verbose_name, **kwargs):
    """Money in euros with cents, never negative."""
    return models.DecimalField(
        verbose_name, max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0"))], **kwargs
    )


def private_upload_to(instance, filename):
    return random_name(instance.dossier_de_stockage(), filename)


class FichierPrive(models.Model):
    """A file a porteur uploaded: stored privately under a random name, with what was checked on upload."""

    fichier = models.FileField("fichier", storage=private_storage, upload_to=private_upload_to, max_length=200)
    nom_original = models.CharField("nom du fichier déposé", max_length=255)
    type_mime = models.CharField("type de fichier", max_length=100)
    taille = models.PositiveIntegerField("taille en octets")
    sha256 = models.CharField("empreinte SHA-256", max_length=64)

    class Meta:
        abstract = True

    def dossier_de_stockage(self) -> str:
        raise NotImplementedError
