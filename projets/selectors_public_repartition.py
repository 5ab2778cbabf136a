"""Distribution of a year's published actions per enjeu, financeur and quartier (the public charts).

Same conventions as the COPIL documents (projets/selectors_programmation.py): an action counts under the enjeu
of its first axe, so the enjeu rows add up to the total; it counts in each of its quartiers, so those may not.
Five queries, whatever the number of actions.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from projets.models import Campagne, Dossier
from projets.selectors_public import dossiers_visibles_publiquement, lignes_votees_publiques

ZERO = Decimal("0")
SANS_QUARTIER = "Sans quartier précisé"


@dataclass
class Barre:
    libelle: str
    nombre: int
    montant: Decimal
    part_nombre: int = 0  # width of the bar in %, relative to the largest row
    part_montant: int = 0


@dataclass
class Repartition:
    titre: str
    identifiant: str
    barres: list[Barre]
    note: str = ""

    @property
    def avec_montants(self) -> bool:
        return any(barre.montant for barre in self.barres)


def _proportions(barres: list[Barre]) -> list[Barre]:
    plus_grand_nombre = max((b.nombre for b in barres), default=0) or 1
    plus_grand_montant = max((b.montant for b in barres), default=ZERO) or 1
    for barre in barres:
        # A small but non-zero value keeps a visible sliver.
        barre.part_nombre = max(1, round(100 * barre.nombre / plus_grand_nombre)) if barre.nombre else 0
        barre.part_montant = max(1, round(100 * barre.montant / plus_grand_montant)) if barre.montant else 0
    return barres


def repartitions(*, campagne: Campagne) -> list[Repartition]:
    visibles = dossiers_visibles_publiquement().filter(campagne=campagne).values("pk")
    ids = list(visibles.values_list("pk", flat=True))
    montants = dict(
        lignes_votees_publiques()
        .filter(dossier__campagne=campagne)
        .values("dossier")
        .annotate(total=Sum("montant_vote"))
        .values_list("dossier", "total")
    )
    premiers_axes: dict[int, tuple[int, str]] = {}
    axes = (
        Dossier.axes.through.objects.filter(dossier__in=visibles)
        .order_by("axestrategique__enjeu__numero", "axestrategique__numero")
        .values_list("dossier_id", "axestrategique__enjeu__numero", "axestrategique__enjeu__titre")
    )
    for dossier_id, numero, titre in axes:
        premiers_axes.setdefault(dossier_id, (numero, f"Enjeu {numero} : {titre}"))
    par_enjeu: dict[tuple[int, str], list[int]] = defaultdict(list)
    for dossier_id in ids:
        par_enjeu[premiers_axes.get(dossier_id, (999, "Sans enjeu précisé"))].append(dossier_id)

    par_quartier: dict[str, list[int]] = defaultdict(list)
    quartiers = Dossier.quartiers.through.objects.filter(dossier__in=visibles).values_list(
        "dossier_id", "quartier__nom"
    )
    avec_quartier = set()
    for dossier_id, nom in quartiers:
        par_quartier[nom].append(dossier_id)
        avec_quartier.add(dossier_id)
    sans_quartier = [pk for pk in ids if pk not in avec_quartier]
    if sans_quartier:
        par_quartier[SANS_QUARTIER] = sans_quartier

    par_financeur = (
        lignes_votees_publiques()
        .filter(dossier__campagne=campagne)
        .values("financeur__nom", "financeur__ordre")
        .annotate(total=Sum("montant_vote"), nombre=Sum(1))
        .order_by("financeur__ordre", "financeur__nom")
    )

    def barre(libelle, ids):
        return Barre(libelle, len(ids), sum((montants.get(pk, ZERO) for pk in ids), ZERO))

    return [
        Repartition(
            "Par enjeu du contrat de ville",
            "enjeu",
            _proportions([barre(titre, ids) for (_, titre), ids in sorted(par_enjeu.items())]),
            "Une action qui répond à plusieurs enjeux est comptée sous le premier.",
        ),
        Repartition(
            "Par financeur",
            "financeur",
            _proportions([Barre(f["financeur__nom"], f["nombre"], f["total"]) for f in par_financeur]),
            "Montants votés par le comité de pilotage ; une action financée par plusieurs financeurs est comptée "
            "pour chacun.",
        ),
        Repartition(
            "Par quartier",
            "quartier",
            _proportions([barre(nom, ids) for nom, ids in sorted(par_quartier.items())]),
            "Une action menée dans plusieurs quartiers est comptée pour chacun : le total peut dépasser le nombre "
            "d'actions.",
        ),
    ]
