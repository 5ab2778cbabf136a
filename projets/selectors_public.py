"""Reads of the public site: only what the COPIL retained and the service marked published, never anything else.

Every public page and export starts from `dossiers_visibles_publiquement()`; the only other read of dossiers is
the number of funded actions in the headline figures. Amounts are the voted ones (`montant_vote`), and only when
positive.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ObjectDoesNotExist
from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404

from enjeux.enums import TypeQuartier
from enjeux.models import AxeStrategique, Enjeu, Quartier
from projets.cache_public import en_cache
from projets.enums import ETATS_FINANCES, EtatDossier, FormeJuridique
from projets.models import Campagne, Dossier, Financeur, LigneFinancement, Porteur
from projets.recherche import filtrer_par_recherche
from projets.selectors import sert_le_quartier

PAR_PAGE = 20
ZERO = Decimal("0")


def dossiers_visibles_publiquement() -> QuerySet[Dossier]:
    """The one gate of the public site: retained (or later) by the COPIL and marked published."""
    return Dossier.objects.filter(publie=True, etat__in=ETATS_FINANCES)


def lignes_votees_publiques() -> QuerySet[LigneFinancement]:
    """Financeur lines with a positive voted amount, of publicly visible dossiers only."""
    return LigneFinancement.objects.filter(
        montant_vote__gt=0, dossier__in=dossiers_visibles_publiquement().values("pk")
    )


def programmations_publiees() -> list[Campagne]:
    """Campagnes with at least one published action, newest first (the year selector); cached."""
    return en_cache("programmations", _programmations_publiees)


def _programmations_publiees() -> list[Campagne]:
    visibles = dossiers_visibles_publiquement().filter(campagne=OuterRef("pk"))
    return list(Campagne.objects.filter(Exists(visibles)).select_related("contrat").order_by("-annee"))


def programmation_de(*, campagnes: list[Campagne], annee: str | None) -> Campagne | None:
    """The campagne of the requested year among the published ones, else the latest (the default)."""
    for campagne in campagnes:
        if annee and str(campagne.annee) == annee:
            return campagne
    return campagnes[0] if campagnes else None


# Filters.


@dataclass
class Choix:
    valeur: str
    libelle: str
    nombre: int | None = None
    parent: str = ""  # a sous-quartier's QPV (its valeur) ...
    englobant: str = ""  # ... as a card says it: « pour tout le QPV Quartiers Nord »


@dataclass
class ChoixFiltres:
    """The options of each filter for one campagne, with the number of published actions when cheap to count."""

    volets: list[Choix]
    enjeux: list[Choix]
    axes: list[Choix]
    quartiers: list[Choix]
    financeurs: list[Choix]
    types: list[Choix]
    porteurs: list[Choix]
    porteurs_en_recherche: bool = False  # too many structures for a list: found by name in the search box


# Above this, the structures are not listed in a select (unusable, and a national year has thousands of them:
# the page weighed 400 KB): the search box finds them by name, and ?porteur= from a structure's page still works.
PORTEURS_EN_LISTE_MAX = 300


def choix_filtres(*, campagne: Campagne) -> ChoixFiltres:
    """Cached: thousands of porteurs and lines are read to build them (projets/cache_public.py)."""
    return en_cache(f"choix:{campagne.pk}", lambda: _choix_filtres(campagne))


def _choix_filtres(campagne: Campagne) -> ChoixFiltres:
    visibles = dossiers_visibles_publiquement().filter(campagne=campagne)
    par_volet = dict(visibles.order_by().values_list("volet").annotate(n=Count("pk")).values_list("volet", "n"))
    volets = list(campagne.volets.order_by("code"))
    nombres = {v.pk: par_volet.get(v.pk, 0) for v in volets}
    for volet in volets:
        if volet.parent_id:
            nombres[volet.parent_id] = nombres.get(volet.parent_id, 0) + par_volet.get(volet.pk, 0)
    contrat = campagne.contrat_id
    financeurs = Financeur.objects.filter(
        Exists(lignes_votees_publiques().filter(financeur=OuterRef("pk"), dossier__campagne=campagne))
    )
    porteurs = avec_nom_public(Porteur.objects.filter(Exists(visibles.filter(porteur=OuterRef("pk")))))
    porteurs = list(porteurs.order_by("nom_public").only("pk", "raison_sociale")[: PORTEURS_EN_LISTE_MAX + 1])
    en_recherche = len(porteurs) > PORTEURS_EN_LISTE_MAX
    types = set(visibles.order_by().values_list("porteur__forme_juridique", flat=True).distinct())
    return ChoixFiltres(
        volets=[
            Choix(v.code, f"{'— ' if v.parent_id else ''}{v.code} : {v.titre}", nombres[v.pk])
            for v in volets
            if nombres[v.pk] or not v.parent_id
        ],
        enjeux=[Choix(str(e.numero), str(e)) for e in Enjeu.objects.filter(contrat_id=contrat).order_by("numero")],
        axes=[
            Choix(a.code, str(a))
            for a in AxeStrategique.objects.filter(enjeu__contrat_id=contrat).select_related("enjeu")
        ],
        quartiers=_choix_quartiers(Quartier.objects.filter(contrat_id=contrat, actif=True).select_related("parent")),
        financeurs=[Choix(str(f.pk), f.nom) for f in financeurs],
        types=[Choix(value, label) for value, label in FormeJuridique.choices if value in types],
        porteurs=[] if en_recherche else [Choix(str(p.pk), p.nom_public) for p in porteurs],
        porteurs_en_recherche=en_recherche,
    )


def _choix_quartiers(quartiers) -> list[Choix]:
    return [
        Choix(str(q.pk), f"— {q.nom}", parent=str(q.parent_id), englobant=_englobant(q.parent))
        if q.parent_id
        else Choix(str(q.pk), q.nom)
        for q in _quartiers_en_arbre(quartiers)
    ]


def _englobant(quartier: Quartier) -> str:
    """« le QPV Quartiers Nord », « le quartier Cornillettes »."""
    return f"le {'QPV' if quartier.type == TypeQuartier.QPV else 'quartier'} {quartier.nom}"


def _quartiers_en_arbre(quartiers) -> list[Quartier]:
    """QPV and quartiers de veille, each followed by its sous-quartiers."""
    quartiers = list(quartiers)
    racines = sorted((q for q in quartiers if not q.parent_id), key=lambda q: (q.type, q.nom))
    ordonnes = []
    for racine in racines:
        ordonnes.append(racine)
        ordonnes.extend(sorted((q for q in quartiers if q.parent_id == racine.pk), key=lambda q: q.nom))
    return ordonnes


@dataclass
class Filtres:
    """Validated filter values (strings as in the URL); an unknown value is dropped, never an error."""

    q: str = ""
    volet: str = ""
    enjeu: str = ""
    axe: str = ""
    quartier: str = ""
    financeur: str = ""
    type: str = ""
    porteur: str = ""

    @classmethod
    def depuis(cls, params, *, choix: ChoixFiltres) -> "Filtres":
        def valide(nom, options):
            valeur = (params.get(nom) or "").strip()
            return valeur if valeur in {o.valeur for o in options} else ""

        def porteur():
            if not choix.porteurs_en_recherche:
                return valide("porteur", choix.porteurs)
            valeur = (params.get("porteur") or "").strip()
            return valeur if valeur.isdigit() and len(valeur) < 10 else ""  # an unknown one lists nothing

        return cls(
            q=(params.get("q") or "").strip()[:200],
            volet=valide("volet", choix.volets),
            enjeu=valide("enjeu", choix.enjeux),
            axe=valide("axe", choix.axes),
            quartier=valide("quartier", choix.quartiers),
            financeur=valide("financeur", choix.financeurs),
            type=valide("type", choix.types),
            porteur=porteur(),
        )

    @property
    def actifs(self) -> bool:
        return any(vars(self).values())


def projets_publics(*, campagne: Campagne, filtres: Filtres) -> QuerySet[Dossier]:
    """Published actions of a campagne matching the filters; subqueries rather than joins, so no duplicates."""
    dossiers = dossiers_visibles_publiquement().filter(campagne=campagne)
    if filtres.volet:
        dossiers = dossiers.filter(Q(volet__code=filtres.volet) | Q(volet__parent__code=filtres.volet))
    axes = Dossier.axes.through.objects.filter(dossier=OuterRef("pk"))
    if filtres.enjeu:
        dossiers = dossiers.filter(Exists(axes.filter(axestrategique__enjeu__numero=filtres.enjeu)))
    if filtres.axe:
        enjeu, _, numero = filtres.axe.partition(".")
        dossiers = dossiers.filter(
            Exists(axes.filter(axestrategique__enjeu__numero=enjeu, axestrategique__numero=numero))
        )
    if filtres.quartier:
        dossiers = dossiers.filter(sert_le_quartier(filtres.quartier))
    if filtres.financeur:
        dossiers = dossiers.filter(
            Exists(LigneFinancement.objects.filter(dossier=OuterRef("pk"), financeur_id=filtres.financeur,
                                                   montant_vote__gt=0))
        )  # fmt: skip
    if filtres.type:
        dossiers = dossiers.filter(porteur__forme_juridique=filtres.type)
    if filtres.porteur:
        dossiers = dossiers.filter(porteur_id=filtres.porteur)
    dossiers = dossiers.order_by("volet__code", "numero", "pk")
    if filtres.q:
        dossiers = filtrer_par_recherche(dossiers, filtres.q)
    return dossiers


def marquer_actions_du_quartier_englobant(dossiers, *, choix: ChoixFiltres, filtres: Filtres) -> None:
    """With a sous-quartier chosen, `pour_tout_le_quartier` of an action that serves its whole QPV rather than the
    sous-quartier itself says so (« le QPV Quartiers Nord »); empty otherwise. Reads the prefetched quartiers."""
    choisi = next((c for c in choix.quartiers if c.valeur == filtres.quartier and c.parent), None)
    for dossier in dossiers:
        servis = {str(quartier.pk) for quartier in dossier.quartiers.all()}
        englobe = choisi is not None and choisi.valeur not in servis and choisi.parent in servis
        dossier.pour_tout_le_quartier = choisi.englobant if englobe else ""


def avec_details(dossiers: QuerySet[Dossier]) -> QuerySet[Dossier]:
    """Everything a public card or page shows, in a constant number of queries."""
    return dossiers.select_related("porteur", "volet__parent", "campagne", "suivi_action").prefetch_related(
        Prefetch("axes", AxeStrategique.objects.select_related("enjeu").order_by("enjeu__numero", "numero")),
        Prefetch("quartiers", Quartier.objects.order_by("nom")),
        Prefetch(
            "lignes_financement",
            LigneFinancement.objects.filter(montant_vote__gt=0).select_related("financeur"),
            to_attr="lignes_votees",
        ),
    )


def page_de_projets(dossiers: QuerySet[Dossier], *, numero: str | None) -> Page:
    return Paginator(avec_details(dossiers), PAR_PAGE).get_page(numero)


# Figures.


@dataclass
class ChiffresProgrammation:
    nombre: int
    montant: Decimal
    par_financeur: list[tuple[str, Decimal]] = field(default_factory=list)
    nombre_finances: int = 0  # all the actions the COPIL retained, published or not (a count, nothing else)


def chiffres_programmation(*, campagne: Campagne) -> ChiffresProgrammation:
    """Headline figures of the published actions of a year: how many, the total voted, per financeur; and how
    many actions were funded in all, since the city may publish only some of them (2021: 47 of 84). Cached, and
    recomputed once a séance closes or an action is published (projets/cache_public.py)."""
    return en_cache(f"chiffres:{campagne.pk}", lambda: _chiffres_programmation(campagne))


def _chiffres_programmation(campagne: Campagne) -> ChiffresProgrammation:
    lignes = lignes_votees_publiques().filter(dossier__campagne=campagne)
    par_financeur = (
        lignes.values("financeur__nom", "financeur__ordre")
        .annotate(total=Sum("montant_vote"))
        .order_by("-total", "financeur__ordre", "financeur__nom")
    )
    nombres = Dossier.objects.filter(campagne=campagne, etat__in=ETATS_FINANCES).aggregate(
        finances=Count("pk"), publies=Count("pk", filter=Q(publie=True))
    )
    return ChiffresProgrammation(
        nombre=nombres["publies"],
        montant=lignes.aggregate(total=Sum("montant_vote"))["total"] or ZERO,
        par_financeur=[(ligne["financeur__nom"], ligne["total"]) for ligne in par_financeur],
        nombre_finances=nombres["finances"],
    )


# One action, one porteur.


STATUT_A_VENIR, STATUT_EN_COURS, STATUT_REALISE, STATUT_TERMINE = "À venir", "En cours", "Réalisé", "Terminé"
STATUT_ANNULE = "Annulé"


def statut_public(dossier: Dossier, *, today: datetime.date) -> str:
    """À venir / en cours / réalisé / terminé / annulé.

    Terminé is what the service declared (the source page's "ce projet est terminé"), réalisé is an action whose
    period is over; without dates, the period is the programmation's calendar year. Annulé comes from the suivi
    (the dossier workflow has no cancelled state).
    """
    if _annulee(dossier):
        return STATUT_ANNULE
    if dossier.etat in (EtatDossier.TERMINE, EtatDossier.BILAN_VALIDE):
        return STATUT_TERMINE
    if dossier.etat in (EtatDossier.REALISE, EtatDossier.BILAN_DEPOSE):  # terminé once the bilan is validated
        return STATUT_REALISE
    debut = dossier.date_debut or datetime.date(dossier.campagne.annee, 1, 1)
    fin = dossier.date_fin or datetime.date(dossier.campagne.annee, 12, 31)
    if today < debut:
        return STATUT_A_VENIR
    return STATUT_EN_COURS if today <= fin else STATUT_REALISE


def _annulee(dossier: Dossier) -> bool:
    try:
        return dossier.suivi_action.annulee_le is not None
    except ObjectDoesNotExist:  # no suivi yet (and an unsaved dossier has none)
        return False


def get_projet_public(*, pk: int) -> Dossier:
    return get_object_or_404(avec_details(dossiers_visibles_publiquement()), pk=pk)


def get_porteur_public(*, pk: int) -> Porteur:
    """A porteur is public only through its published actions; 404 otherwise. Its `nom_public` is its name at
    the latest of those decisions: a later rename is not published."""
    visibles = dossiers_visibles_publiquement().values("pk")
    porteur = avec_nom_public(Porteur.objects.filter(pk=pk, dossiers__in=visibles)).first()
    if porteur is None:
        raise Http404("Structure introuvable.")
    return porteur


def avec_nom_public(porteurs: QuerySet[Porteur]) -> QuerySet[Porteur]:
    """Annotate `nom_public`: the name recorded at the COPIL's decision on its latest published action, else the
    current one (a dossier decided without a recorded name: imported history)."""
    decide = (
        dossiers_visibles_publiquement()
        .filter(porteur=OuterRef("pk"))
        .exclude(porteur_nom_decision="")
        .order_by("-campagne__annee", "-pk")
        .values("porteur_nom_decision")[:1]
    )
    return porteurs.annotate(nom_public=Coalesce(Subquery(decide), "raison_sociale"))


def projets_du_porteur(*, porteur: Porteur) -> QuerySet[Dossier]:
    """All its published actions across years, newest first."""
    return avec_details(dossiers_visibles_publiquement().filter(porteur=porteur)).order_by(
        "-campagne__annee", "volet__code", "numero"
    )


def texte_du_volet_vide(*, campagne: Campagne, filtres: Filtres) -> str:
    """What the city wrote for a volet that funds no action this year (volet 5, « cité éducative »), when the
    visitor chose that volet alone."""
    if not filtres.volet or any(valeur for cle, valeur in vars(filtres).items() if cle != "volet"):
        return ""
    return campagne.volets.filter(code=filtres.volet).values_list("texte_si_vide", flat=True).first() or ""
