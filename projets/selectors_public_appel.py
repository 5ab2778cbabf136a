"""The call for projects page: the open campagne, its calendar and priorities (nothing about its dossiers)."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

from projets.enums import StatutSeance, TypeInstance
from projets.models import Campagne, Financeur, PrioriteOperationnelle
from projets.selectors import campagne_ouverte


@dataclass
class Etape:
    date: datetime.date | datetime.datetime
    libelle: str


@dataclass
class GroupePriorites:
    groupe: str
    enjeux: list[str]
    libelles: list[str] = field(default_factory=list)


@dataclass
class AppelAProjets:
    campagne: Campagne
    calendrier: list[Etape]
    priorites_operationnelles: list[GroupePriorites]
    priorites_transversales: list[str]
    volets: list[str]
    financeurs: list[str]


def _jour(moment: datetime.date | datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date() if isinstance(moment, datetime.datetime) else moment


def appel_a_projets_courant() -> AppelAProjets | None:
    """The open call, if any: a campagne in preparation is not announced before it opens."""
    campagne = campagne_ouverte()
    if campagne is None:
        return None
    calendrier = [
        Etape(campagne.date_ouverture, "Ouverture des dépôts"),
        Etape(campagne.date_cloture, "Clôture des dépôts"),
    ]
    if campagne.date_limite_instruction:
        calendrier.append(Etape(campagne.date_limite_instruction, "Fin de l'instruction (comité technique)"))
    copils = campagne.seances.filter(comite__type=TypeInstance.COPIL, statut=StatutSeance.PREPARATION)
    calendrier += [Etape(date, "Comité de pilotage : décision") for date in copils.values_list("date", flat=True)]
    calendrier.sort(key=lambda etape: _jour(etape.date))
    groupes: dict[str, GroupePriorites] = {}
    enjeux_par_priorite = defaultdict(set)
    priorites = PrioriteOperationnelle.objects.filter(campagne=campagne).order_by("ordre")
    for pk, numero in priorites.values_list("pk", "enjeux__numero"):
        if numero:
            enjeux_par_priorite[pk].add(numero)
    for priorite in priorites:
        groupe = groupes.setdefault(priorite.groupe, GroupePriorites(priorite.groupe, []))
        groupe.libelles.append(priorite.libelle)
        groupe.enjeux = sorted(set(groupe.enjeux) | {str(n) for n in enjeux_par_priorite[priorite.pk]})
    financeurs = Financeur.objects.filter(enveloppes__campagne=campagne).order_by("ordre", "nom")
    return AppelAProjets(
        campagne=campagne,
        calendrier=calendrier,
        priorites_operationnelles=list(groupes.values()),
        priorites_transversales=list(
            campagne.priorites_transversales.order_by("ordre").values_list("libelle", flat=True)
        ),
        volets=[str(v) for v in campagne.volets.filter(parent__isnull=True).order_by("code")],
        financeurs=list(financeurs.values_list("nom", flat=True)),
    )
