"""Full-text search of the public site.

PostgreSQL: French stemming with accents ignored ("sante" finds "santé", "jeunes" finds "jeunesse"), through the
`french_unaccent` configuration and the GIN expression indexes of migration 0008. The vectors below must stay
exactly the indexed expressions, or PostgreSQL stops using the indexes.
SQLite (development): every word must appear in the title, texts or porteur's name, ignoring case and accents like
PostgreSQL does (`sans_accents()`, registered as an SQLite function when a connection opens).
"""

import unicodedata

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Func, Q, QuerySet, TextField
from django.db.models.lookups import Contains

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
            condition |= Q(contient_sans_accents(champ, mot))
        dossiers = dossiers.filter(condition)
    return dossiers


# Case- and accent-insensitive "contains", the same on SQLite and PostgreSQL: « sante » finds « Santé ».

LIGATURES = str.maketrans({"œ": "oe", "æ": "ae"})  # as PostgreSQL's unaccent reads them


def sans_accents(texte: str | None) -> str | None:
    """ "Œuvre de Santé" → "oeuvre de sante"."""
    if texte is None:
        return None
    decompose = unicodedata.normalize("NFKD", texte.casefold().translate(LIGATURES))
    return "".join(c for c in decompose if not unicodedata.combining(c))


class SansAccents(Func):
    """A text column lower-cased without its accents, in SQL."""

    function = "cv_sans_accents"  # SQLite: the Python function above, see enregistrer_sans_accents()
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="LOWER(UNACCENT(%(expressions)s))", **extra_context)


def contient_sans_accents(champ: str, texte: str) -> Contains:
    """Lookup: `champ` contains `texte`, ignoring case and accents (usable in filter() and Q())."""
    return Contains(SansAccents(champ), sans_accents(texte))


def enregistrer_sans_accents(sender, connection, **kwargs) -> None:
    """connection_created receiver: SQLite gets `cv_sans_accents()` (PostgreSQL has UNACCENT, migration 0008)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("cv_sans_accents", 1, sans_accents, deterministic=True)
