"""The rows the admin lists, decided by the selectors of the user's pages (projets/selectors.py)."""

from django.db.models import Q, QuerySet

from projets.models import Porteur
from projets.selectors import dossiers_visibles, est_partenaire_limite, porteurs_de


def porteurs_visibles(*, user) -> QuerySet[Porteur]:
    """Structures a user may read: a partner, those behind the dossiers they may read (and their own); the staff
    who may read structures, all of them; anyone else, the structures they act for."""
    if not user.is_authenticated:
        return Porteur.objects.none()
    if est_partenaire_limite(user):
        return Porteur.objects.filter(
            Q(pk__in=dossiers_visibles(user=user).values("porteur")) | Q(pk__in=porteurs_de(user=user).values("pk"))
        )
    if user.has_perm("projets.view_porteur"):
        return Porteur.objects.all()
    return porteurs_de(user=user)
