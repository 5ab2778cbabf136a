# Séances recorded before instances existed were COTECH séances: attach them to their contract's COTECH.
import django.db.models.deletion
from django.db import migrations, models


def attach_to_cotech(apps, schema_editor):
    Seance = apps.get_model("projets", "Seance")
    Instance = apps.get_model("projets", "Instance")
    for seance in Seance.objects.filter(comite__isnull=True).select_related("campagne"):
        comite, _ = Instance.objects.get_or_create(
            contrat_id=seance.campagne.contrat_id, type="cotech", defaults={"nom": "Comité technique"}
        )
        seance.comite = comite
        seance.save(update_fields=["comite"])


class Migration(migrations.Migration):
    dependencies = [("projets", "0005_copil")]

    operations = [
        migrations.RunPython(attach_to_cotech, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="seance",
            name="comite",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="seances",
                to="projets.instance",
                verbose_name="instance",
            ),
        ),
    ]
