"""Reads of the COTECH: séances of a campagne, the dossiers each examined, and what a dossier's page shows."""

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from conseil_citoyen.models import AvisConseilCitoyen
from projets.enums import TypeInstance
from projets.models import Campagne, Dossier, Examen, Seance
from projets.rules import ETATS_ECARTES
from projets.selectors import campagnes_visibles


def seances_visibles(*, user) -> QuerySet[Seance]:
    """Séances of the campagnes the user may see: all for the city's staff, the invited ones for a partner."""
    return Seance.objects.filter(campagne__in=campagnes_visibles(user=user)).select_related("comite")


def seances_de_campagne(*, campagne: Campagne) -> QuerySet[Seance]:
    return (
        Seance.objects.filter(campagne=campagne, comite__type=TypeInstance.COTECH)
        .select_related("comite")
        .annotate(
            nombre_examens=Count("examens", distinct=True), nombre_participants=Count("participants", distinct=True)
        )
        .order_by("-date", "-pk")
    )


def get_seance_for_user(*, user, pk: int) -> Seance:
    """The séance if its campagne is visible to the user; 404 otherwise, so nothing leaks."""
    queryset = (
        seances_visibles(user=user).select_related("campagne__contrat", "comite").prefetch_related("participants")
    )
    seance = get_object_or_404(queryset, pk=pk)
    seance.presents = presents(seance)
    return seance


def examens_de_seance(*, seance: Seance) -> QuerySet[Examen]:
    return Examen.objects.filter(seance=seance).select_related("dossier__porteur").order_by("dossier__numero", "pk")


def dossiers_examinables(*, seance: Seance) -> QuerySet[Dossier]:
    """Submitted dossiers of the séance's campagne not yet on its agenda (see `dossier_examinable_en_cotech`)."""
    return (
        Dossier.objects.filter(campagne_id=seance.campagne_id)
        .exclude(etat__in=ETATS_ECARTES)
        .exclude(examens__seance=seance)
        .select_related("porteur")
        .order_by("numero", "pk")
    )


def participants_possibles(*, seance: Seance | None = None):
    """Accounts that may be recorded as attending: active staff, plus whoever already attended this séance."""
    deja = Q(pk__in=seance.participants.values("pk")) if seance is not None and seance.pk else Q(pk__in=[])
    return (
        get_user_model()
        .objects.filter(Q(is_active=True, is_staff=True) | deja)
        .order_by("last_name", "first_name", "email")
    )


def presents(seance: Seance) -> list[str]:
    """Who attended, as shown: accounts (with their organisation) then the free-text lines, blank lines dropped."""
    comptes = [f"{p} ({p.organisation})" if p.organisation else str(p) for p in seance.participants.all()]
    return comptes + [ligne.strip() for ligne in seance.autres_participants.splitlines() if ligne.strip()]


def cotech_du_dossier(*, dossier: Dossier) -> dict:
    """For the staff page of a dossier: every séance that examined it and the conseil citoyen's avis."""
    examens = (
        Examen.objects.filter(dossier=dossier)
        .select_related("seance__comite")
        .prefetch_related(Prefetch("seance__participants", get_user_model().objects.order_by("last_name", "email")))
        .order_by("-seance__date", "-pk")
    )
    examens = list(examens)
    for examen in examens:
        examen.presents = presents(examen.seance)
    return {
        "examens": examens,
        "avis_conseil_citoyen": list(AvisConseilCitoyen.objects.filter(dossier=dossier).order_by("-rendu_le")),
    }
