from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from projets.enums import ETATS_FINANCES, EtatCampagne
from projets.models import Campagne, Dossier, Porteur, PorteurMembre, StatistiqueCampagne, Volet


def campagne_ouverte() -> Campagne | None:
    """The call currently taking dossiers, if any (the latest when several contracts are loaded)."""
    return Campagne.objects.filter(etat=EtatCampagne.OUVERTE).select_related("contrat").order_by("-annee").first()


def derniere_programmation() -> Campagne | None:
    """The latest campagne with published funded actions: what the public site shows by default."""
    return (
        Campagne.objects.filter(dossiers__publie=True, dossiers__etat__in=ETATS_FINANCES)
        .select_related("contrat")
        .order_by("-annee")
        .first()
    )


def dossiers_publies(*, campagne: Campagne) -> QuerySet[Dossier]:
    return (
        Dossier.objects.filter(campagne=campagne, publie=True, etat__in=ETATS_FINANCES)
        .select_related("porteur", "volet")
        .order_by("volet__code", "pk")
    )


def volets_avec_actions(*, campagne: Campagne) -> list[Volet]:
    """Volets of a campagne with `.actions` (published dossiers) and `.nombre` (theirs and their sub-volets')."""
    dossiers = list(dossiers_publies(campagne=campagne))
    volets = list(campagne.volets.order_by("code"))
    for volet in volets:
        volet.actions = [d for d in dossiers if d.volet_id == volet.pk]
    for volet in volets:
        volet.enfants = [v for v in volets if v.parent_id == volet.pk]
        volet.nombre = len(volet.actions) + sum(len(v.actions) for v in volet.enfants)
    return [v for v in volets if v.parent_id is None]


def dossiers_du_porteur(*, user) -> QuerySet[Dossier]:
    return (
        Dossier.objects.filter(porteur__membres__user=user)
        .select_related("campagne", "porteur")
        .order_by("-campagne__annee", "-modifie_le")
    )


def chiffres_cles(*, campagne: Campagne | None) -> StatistiqueCampagne | None:
    """The cached headline figures, None until the worker has computed them once."""
    return StatistiqueCampagne.objects.filter(campagne=campagne).first() if campagne else None


def porteurs_de(*, user) -> QuerySet[Porteur]:
    """The organisations a user may act for."""
    if not user.is_authenticated:
        return Porteur.objects.none()
    return Porteur.objects.filter(membres__user=user).distinct()


def dossiers_visibles(*, user) -> QuerySet[Dossier]:
    """Dossiers a user may read: those of their porteurs, or all of them for staff allowed to view dossiers."""
    if not user.is_authenticated:
        return Dossier.objects.none()
    if user.has_perm("projets.view_dossier"):
        return Dossier.objects.all()
    return Dossier.objects.filter(porteur__membres__user=user)


def get_dossier_for_user(*, user, pk: int, write: bool = False) -> Dossier:
    """The dossier if the user may read it (write: act for its porteur); 404 otherwise, so nothing leaks."""
    queryset = Dossier.objects.filter(porteur__membres__user=user) if write else dossiers_visibles(user=user)
    return get_object_or_404(queryset.select_related("campagne__contrat", "porteur"), pk=pk)


def get_porteur_for_user(*, user, pk: int, gestionnaire: bool = False) -> Porteur:
    membres = PorteurMembre.objects.filter(user=user, porteur_id=pk)
    if gestionnaire:
        membres = membres.filter(est_gestionnaire=True)
    if not user.is_authenticated or not membres.exists():
        raise Http404("Structure introuvable.")
    return Porteur.objects.get(pk=pk)
