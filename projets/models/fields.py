from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models


def montant_field(verbose_name, **kwargs):
    """Money in euros with cents, never negative."""
    return models.DecimalField(
        verbose_name, max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0"))], **kwargs
    )
