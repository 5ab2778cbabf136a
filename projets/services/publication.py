"""Publishing funded actions on the public site: the service decides, once the COPIL has decided."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, OuterRef

from projets.enums import ETATS_FINANCES, StatutSeance, TypeInstance
from projets.models import Campagne, DecisionLigne, Dossier


def dossiers_publiables(*, campagne: Campagne):
    """Retained (or later) dossiers decided in a closed COPIL séance of the campagne, not published yet."""
    decides = DecisionLigne.objects.filter(
        ligne__dossier=OuterRef("pk"),
        seance__campagne=campagne,
        seance__statut=StatutSeance.CLOSE,
        seance__comite__type=TypeInstance.COPIL,
    )
    return Dossier.objects.filter(campagne=campagne, etat__in=ETATS_FINANCES, publie=False).filter(Exists(decides))


@transaction.atomic
def dossiers_publier(*, campagne: Campagne, by, parmi=None) -> int:
    """Mark publishable dossiers published (only those `parmi` when given); returns how many.

    Saved one by one so that the history says who published.
    """
    if not by.has_perm("projets.change_dossier"):
        raise PermissionDenied("Seul le service politique de la ville publie les actions financées.")
    dossiers = dossiers_publiables(campagne=campagne)
    if parmi is not None:
        dossiers = dossiers.filter(pk__in=parmi.values("pk"))
    nombre = 0
    for dossier in dossiers.select_for_update(of=("self",)):
        dossier.publie = True
        dossier._history_user = by
        dossier.save(update_fields=["publie", "modifie_le"])
        nombre += 1
    return nombre
