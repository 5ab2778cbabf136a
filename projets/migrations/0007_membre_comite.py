import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """MembreInstance.instance becomes `comite`: django-simple-history reserves `instance` on historical rows,
    so the seat's instance was missing from its history and saving a seat failed."""

    dependencies = [("projets", "0006_seances_comite")]

    operations = [
        migrations.AlterModelOptions(
            name="membreinstance",
            options={
                "ordering": ["comite", "role", "organisation", "nom"],
                "verbose_name": "membre d'une instance",
                "verbose_name_plural": "membres des instances",
            },
        ),
        migrations.RenameField(model_name="membreinstance", old_name="instance", new_name="comite"),
        migrations.AlterField(
            model_name="membreinstance",
            name="comite",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="membres",
                to="projets.instance",
                verbose_name="instance",
            ),
        ),
        migrations.AddField(
            model_name="historicalmembreinstance",
            name="comite",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="projets.instance",
                verbose_name="instance",
            ),
        ),
    ]
