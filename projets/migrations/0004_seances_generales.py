# The COTECH séance becomes the séance of any instance (COPIL or COTECH): renamed here, generalised next.
from django.conf import settings
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("projets", "0003_instruction"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameModel("SeanceCotech", "Seance"),
        migrations.RenameModel("ExamenCotech", "Examen"),
        migrations.RenameModel("HistoricalSeanceCotech", "HistoricalSeance"),
        migrations.RenameModel("HistoricalExamenCotech", "HistoricalExamen"),
        migrations.RenameModel("HistoricalSeanceCotech_participants", "HistoricalSeance_participants"),
        migrations.RenameField("HistoricalSeance_participants", "seancecotech", "seance"),
    ]
