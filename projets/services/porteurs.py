from django.db import transaction

from projets.models import Porteur, PorteurMembre


@transaction.atomic
def porteur_create(*, form_data: dict, by) -> Porteur:
    """Create the organisation; its creator is its first gestionnaire (manages who else may act for it)."""
    porteur = Porteur.objects.create(**form_data)
    PorteurMembre.objects.create(porteur=porteur, user=by, est_gestionnaire=True)
    return porteur


@transaction.atomic
def porteur_update(*, porteur: Porteur, form_data: dict) -> Porteur:
    for name, value in form_data.items():
        setattr(porteur, name, value)
    porteur.save()
    return porteur
