"""Reads of the generation jobs: which ones a staff member may see, and the decision letters of a porteur."""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from projets.enums import StatutSeance, StatutTravail, TypeTravail
from projets.models import DecisionLigne, Dossier, Travail
from projets.selectors import campagnes_visibles, est_partenaire_limite


def travaux_visibles(*, user) -> QuerySet[Travail]:
    """Every job for the staff of the city; a COTECH partner only those of the campagnes they are invited to."""
    travaux = Travail.objects.select_related("campagne", "seance__campagne", "seance__comite", "demande_par")
    if est_partenaire_limite(user):
        campagnes = campagnes_visibles(user=user)
        return travaux.filter(Q(campagne__in=campagnes) | Q(seance__campagne__in=campagnes))
    return travaux


def get_travail_for_user(*, user, pk: int) -> Travail:
    return get_object_or_404(travaux_visibles(user=user), pk=pk)


def _lettres_envoyees() -> QuerySet[DecisionLigne]:
    """Decided lines of closed séances whose letters job has succeeded."""
    return DecisionLigne.objects.filter(
        seance__statut=StatutSeance.CLOSE,
        seance__travaux__type=TypeTravail.LETTRES,
        seance__travaux__statut=StatutTravail.REUSSI,
    ).exclude(decision="")


def dossiers_avec_lettre(*, user) -> set[int]:
    """Ids of the user's dossiers for which a decision letter can be downloaded (one query)."""
    lignes = _lettres_envoyees().filter(ligne__dossier__porteur__membres__user=user)
    return set(lignes.values_list("ligne__dossier_id", flat=True))


def travaux_lettres_du_dossier(*, dossier: Dossier) -> QuerySet[Travail]:
    """The succeeded letters jobs of the séances that decided on the dossier, latest séance and job first."""
    seances = _lettres_envoyees().filter(ligne__dossier=dossier).values("seance_id")
    return (
        Travail.objects.filter(type=TypeTravail.LETTRES, statut=StatutTravail.REUSSI, seance_id__in=seances)
        .select_related("seance")
        .order_by("-seance__date", "-fin", "-pk")
    )


def libelle_progression(travail: Travail) -> str:
    """« En cours – Mise en page (35 %) », « Terminé (100 %) »: the step is said only when it adds to the status
    (a finished job's last step is « Terminé » too)."""
    statut = travail.get_statut_display()
    if travail.statut == StatutTravail.EN_ATTENTE and not travail.etape:
        return f"En attente du worker ({travail.progression} %)"
    etape = "" if travail.statut == StatutTravail.REUSSI else travail.etape
    if etape and etape.casefold() != statut.casefold():
        return f"{statut} – {etape} ({travail.progression} %)"
    return f"{statut} ({travail.progression} %)"
