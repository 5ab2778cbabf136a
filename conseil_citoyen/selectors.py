"""Reads of the conseil citoyen: its composition and warnings, and what its public page may show."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from conseil_citoyen.enums import StatutDemandeFPH, StatutMembre
from conseil_citoyen.models import AvisConseilCitoyen, ConseilCitoyen, DemandeFPH, Membre
from conseil_citoyen.rules import Alerte, alertes_de_composition, quorum_du_conseil
from conseil_citoyen.services.tirage import nouveau_tirage_necessaire, volontaires_a_retenir


@dataclass(frozen=True)
class Composition:
    par_college: list[tuple[object, int]]  # (collège, active members)
    membres: int
    quorum: int
    alertes: list[Alerte]
    nouveau_tirage: str
    volontaires: dict[str, int]


def composition(*, conseil: ConseilCitoyen) -> Composition:
    colleges = list(conseil.colleges.all())
    actifs = list(conseil.membres.filter(statut=StatutMembre.ACTIF))
    return Composition(
        par_college=[(c, sum(1 for m in actifs if m.college_id == c.pk)) for c in colleges],
        membres=len(actifs),
        quorum=quorum_du_conseil(len(actifs)),
        alertes=alertes_de_composition(conseil=conseil, colleges=colleges, actifs=actifs),
        nouveau_tirage=nouveau_tirage_necessaire(conseil=conseil, aujourd_hui=timezone.localdate()),
        volontaires=volontaires_a_retenir(conseil=conseil) if colleges else {},
    )


def membres_publics(*, conseil: ConseilCitoyen) -> QuerySet[Membre]:
    """Active members who agreed to have their name published — nothing else about them is shown."""
    return (
        conseil.membres.filter(statut=StatutMembre.ACTIF, publication_consentie=True)
        .select_related("college")
        .order_by("college__type", "nom", "prenom")
    )


def avis_publics(*, conseil: ConseilCitoyen) -> QuerySet[AvisConseilCitoyen]:
    """Avis on dossiers the COPIL retained and published: an avis never reveals a dossier under instruction."""
    return (
        AvisConseilCitoyen.objects.filter(reunion__conseil=conseil, dossier__publie=True)
        .select_related("dossier__porteur")
        .order_by("-rendu_le", "pk")
    )


def decisions_fph_publiques(*, conseil: ConseilCitoyen) -> QuerySet[DemandeFPH]:
    return (
        DemandeFPH.objects.filter(fonds__conseil=conseil)
        .exclude(statut=StatutDemandeFPH.DEPOSEE)
        .select_related("fonds", "reunion")
        .order_by("-reunion__date", "titre")
    )
