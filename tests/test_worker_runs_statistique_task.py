"""The worker path for real: a Celery worker process, the Redis broker and PostgreSQL, as in production."""

from decimal import Decimal

import pytest

from projets.enums import EtatDossier
from projets.factories import CampagneFactory, DossierFactory, LigneFinancementFactory
from projets.models import StatistiqueCampagne
from projets.tasks import refresh_campagne_statistique

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_a_real_worker_rebuilds_the_headline_figures(worker_queue):
    campagne = CampagneFactory()
    dossier = DossierFactory(campagne=campagne, etat=EtatDossier.RETENU)
    LigneFinancementFactory(dossier=dossier, montant_demande=Decimal("12500"), montant_vote=Decimal("10000"))

    result = refresh_campagne_statistique.apply_async(args=[campagne.pk], queue=worker_queue)
    result.get(timeout=60)

    statistique = StatistiqueCampagne.objects.get(campagne=campagne)
    assert statistique.montant_vote == Decimal("10000.00")
    assert statistique.nombre_finances == 1
