"""The structure's name at the COPIL's decision, shown publicly instead of its current one. Dossiers decided before
this migration get their structure's current name: the closest record there is."""

from django.db import migrations, models

DECIDES = [
    "retenu", "non_retenu", "conventionne", "en_cours", "realise", "termine", "bilan_depose", "bilan_valide",
]  # fmt: skip


def nom_actuel_des_dossiers_decides(apps, schema_editor):
    Dossier = apps.get_model("projets", "Dossier")
    Porteur = apps.get_model("projets", "Porteur")
    nom = Porteur.objects.filter(pk=models.OuterRef("porteur_id")).values("raison_sociale")[:1]
    Dossier.objects.filter(etat__in=DECIDES).update(porteur_nom_decision=models.Subquery(nom))


class Migration(migrations.Migration):
    dependencies = [
        ("projets", "0008_recherche_plein_texte"),
    ]

    operations = [
        migrations.AddField(
            model_name="dossier",
            name="porteur_nom_decision",
            field=models.CharField(
                blank=True, editable=False, max_length=250, verbose_name="nom de la structure à la décision"
            ),
        ),
        migrations.AddField(
            model_name="historicaldossier",
            name="porteur_nom_decision",
            field=models.CharField(
                blank=True, editable=False, max_length=250, verbose_name="nom de la structure à la décision"
            ),
        ),
        migrations.RunPython(nom_actuel_des_dossiers_decides, migrations.RunPython.noop),
    ]
