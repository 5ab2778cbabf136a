"""Full-text search of the public site.

PostgreSQL: French stemming with accents ignored ("sante" finds "santé", "jeunes" finds "jeunesse"), through the
`french_unaccent` configuration and the GIN expression indexes of migration 0008. The vectors below must stay
exactly the indexed expressions, or PostgreSQL stops using the indexes.
SQLite (development): every word must appear, case-insensitively, in the title, texts or porteur's name.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Q, QuerySet

from projets.models import Dossier, Porteur

CONFIGURATION = "french_unaccent"
CHAMPS_DOSSIER = ("intitule", "description", "public_cible")
CHAMPS_PORTEUR = ("raison_sociale", "sigle")


def vecteur_dossier() -> SearchVector:
    return SearchVector(*CHAMPS_DOSSIER, config=CONFIGURATION)


def vecteur_porteur() -> SearchVector:
    return SearchVector(*CHAMPS_PORTEUR, config=CONFIGURATION)


def recherche_plein_texte_disponible() -> bool:
    return connection.vendor == "postgresql"


def filtrer_par_recherche(dossiers: QuerySet, texte: str) -> QuerySet:
    """Dossiers matching `texte`; on PostgreSQL, best matches first."""
    if recherche_plein_texte_disponible():
        return _plein_texte(dossiers, texte)
    return _contient(dossiers, texte)


def _plein_texte(dossiers: QuerySet, texte: str) -> QuerySet:
    query = SearchQuery(texte, config=CONFIGURATION, search_type="websearch")
    # Two subqueries, each answered by its GIN index (an OR on one row would scan the table instead).
    textes = Dossier.objects.annotate(document=vecteur_dossier()).filter(document=query).values("pk")
    porteurs = Porteur.objects.annotate(document=vecteur_porteur()).filter(document=query).values("pk")
    return (
        dossiers.filter(Q(pk__in=textes) | Q(porteur_id__in=porteurs))
        .annotate(pertinence=SearchRank(vecteur_dossier(), query))
        .order_by("-pertinence", *dossiers.query.order_by)
    )


def _contient(dossiers: QuerySet, texte: str) -> QuerySet:
    for mot in texte.split():
        condition = Q()
        for champ in (*CHAMPS_DOSSIER, *(f"porteur__{c}" for c in CHAMPS_PORTEUR)):
            condition |= Q(**{f"{champ}__icontains": mot})
        dossiers = dossiers.filter(condition)
    return dossiers
