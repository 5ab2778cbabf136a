"""The retention command purges the source lists of old draws, and only those."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from conseil_citoyen.enums import Reponse
from conseil_citoyen.factories import PersonneTireeFactory, TirageAuSortFactory

pytestmark = pytest.mark.django_db


def test_old_draws_keep_only_the_people_who_answered():
    ancien = TirageAuSortFactory(effectue_le=timezone.now() - datetime.timedelta(days=91), graine="g")
    recent = TirageAuSortFactory(effectue_le=timezone.now() - datetime.timedelta(days=10), graine="g")
    PersonneTireeFactory.create_batch(4, tirage=ancien)
    PersonneTireeFactory(tirage=ancien, rang=1, reponse=Reponse.ACCEPTE)
    PersonneTireeFactory.create_batch(4, tirage=recent)

    sortie = io.StringIO()
    call_command("purger_listes_tirage", stdout=sortie)

    assert ancien.personnes.count() == 1 and recent.personnes.count() == 4
    assert "4 personne(s) sans réponse supprimée(s)." in sortie.getvalue()
    ancien.refresh_from_db()
    assert ancien.purge_le is not None
