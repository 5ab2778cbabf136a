"""Reads of the indicators page: a year's objectifs opérationnels and funded actions, each with its indicators
and their values per year."""

from dataclasses import dataclass

from django.db.models import Prefetch

from enjeux.models import ObjectifOperationnel
from projets.enums import ETATS_FINANCES
from projets.models import Dossier
from suivi.models import Indicateur, ValeurIndicateur


@dataclass
class Rattachement:
    cle: str  # "objectif-<pk>" or "action-<pk>", the value of the form's choice
    libelle: str
    indicateurs: list[Indicateur]


def _avec_valeurs():
    return Prefetch(
        "indicateurs",
        Indicateur.objects.order_by("-actif", "libelle").prefetch_related(
            Prefetch("valeurs", ValeurIndicateur.objects.order_by("annee"))
        ),
    )


def rattachements_de_l_annee(*, annee: int) -> tuple[list[Rattachement], list[Rattachement]]:
    """The objectifs opérationnels of `annee` and its funded actions, each with its indicators."""
    objectifs = (
        ObjectifOperationnel.objects.filter(annee=annee)
        .select_related("axe__enjeu")
        .prefetch_related(_avec_valeurs())
        .order_by("axe__enjeu__numero", "axe__numero", "numero")
    )
    actions = (
        Dossier.objects.filter(campagne__annee=annee, etat__in=ETATS_FINANCES)
        .select_related("porteur")
        .prefetch_related(_avec_valeurs())
        .order_by("numero", "pk")
    )
    return (
        [
            Rattachement(f"objectif-{o.pk}", f"{o.axe.code}.{o.numero} {o.libelle}", list(o.indicateurs.all()))
            for o in objectifs
        ],
        [
            Rattachement(f"action-{d.pk}", f"{d.numero} {d.intitule} ({d.porteur})", list(d.indicateurs.all()))
            for d in actions
        ],
    )


def annees_des_indicateurs() -> list[int]:
    """Years with objectifs or funded actions, newest first."""
    annees = set(ObjectifOperationnel.objects.values_list("annee", flat=True)) | set(
        Dossier.objects.filter(etat__in=ETATS_FINANCES).values_list("campagne__annee", flat=True)
    )
    return sorted(annees, reverse=True)
