"""Full-text search of the public site (PostgreSQL only; SQLite searches with LIKE, see projets/recherche.py).

The `unaccent` extension, a `french_unaccent` configuration (French stemming after removing accents) and GIN
indexes on the very expressions projets/recherche.py queries. The indexes are built from the same Django
expressions, so the SQL cannot drift from the queries.
"""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

from projets.recherche import CONFIGURATION, vecteur_dossier, vecteur_porteur

CREATE_CONFIGURATION = f"""
CREATE EXTENSION IF NOT EXISTS unaccent;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{CONFIGURATION}') THEN
        CREATE TEXT SEARCH CONFIGURATION {CONFIGURATION} (COPY = french);
        ALTER TEXT SEARCH CONFIGURATION {CONFIGURATION}
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
    END IF;
END
$$;
"""

INDEXES = [
    ("dossier", GinIndex(vecteur_dossier(), name="dossier_recherche_gin")),
    ("porteur", GinIndex(vecteur_porteur(), name="porteur_recherche_gin")),
]


def creer(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CREATE_CONFIGURATION)
    for model_name, index in INDEXES:
        schema_editor.add_index(apps.get_model("projets", model_name), index)


def supprimer(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name, index in INDEXES:
        schema_editor.remove_index(apps.get_model("projets", model_name), index)
    # The configuration and the extension stay: other databases objects may use them.


class Migration(migrations.Migration):
    dependencies = [("projets", "0007_membre_comite")]

    operations = [migrations.RunPython(creer, supprimer, elidable=False)]
