from django.db import transaction

from comptes.services import porteur_membre_add
from projets.models import Porteur


@transaction.atomic
def porteur_create(*, form_data: dict, by) -> Porteur:
    """Create the organisation; its creator is its first gestionnaire (manages who else may act for it)."""
    porteur = Porteur.objects.create(**form_data)
    porteur_membre_add(porteur=porteur, user=by, gestionnaire=True)
    return porteur


@transaction.atomic
def porteur_update(*, porteur: Porteur, form_data: dict) -> Porteur:
    for name, value in form_data.items():
        setattr(porteur, name, value)
    porteur.save()
    return porteur
