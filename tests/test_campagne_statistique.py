from decimal import Decimal

import pytest

from projets.enums import EtatDossier
from projets.factories import CampagneFactory, DossierFactory, LigneFinancementFactory
from projets.models import StatistiqueCampagne
from projets.tasks import refresh_campagne_statistique

pytestmark = pytest.mark.django_db


def test_the_task_counts_submitted_dossiers_and_sums_requested_and_voted_amounts():
    campagne = CampagneFactory()
    brouillon = DossierFactory(campagne=campagne, etat=EtatDossier.BROUILLON)
    LigneFinancementFactory(dossier=brouillon, montant_demande=Decimal("99999"))
    depose = DossierFactory(campagne=campagne, etat=EtatDossier.DEPOSE)
    LigneFinancementFactory(dossier=depose, montant_demande=Decimal("1000.50"))
    retenu = DossierFactory(campagne=campagne, etat=EtatDossier.RETENU)
    LigneFinancementFactory(dossier=retenu, montant_demande=Decimal("5000"), montant_vote=Decimal("4000"))
    LigneFinancementFactory(dossier=retenu, montant_demande=Decimal("2000"), montant_vote=Decimal("2000"))
    refuse = DossierFactory(campagne=campagne, etat=EtatDossier.NON_RETENU)
    LigneFinancementFactory(dossier=refuse, montant_demande=Decimal("300"), montant_vote=Decimal("0"))

    refresh_campagne_statistique.delay(campagne.pk)

    statistique = StatistiqueCampagne.objects.get(campagne=campagne)
    assert statistique.nombre_dossiers == 3
    assert statistique.nombre_finances == 1
    assert statistique.montant_demande == Decimal("8300.50")
    assert statistique.montant_vote == Decimal("6000.00")


def test_running_it_again_updates_the_same_row():
    campagne = CampagneFactory()
    refresh_campagne_statistique.delay(campagne.pk)
    DossierFactory(campagne=campagne, etat=EtatDossier.DEPOSE)
    refresh_campagne_statistique.delay(campagne.pk)
    assert StatistiqueCampagne.objects.get(campagne=campagne).nombre_dossiers == 1


def test_a_deleted_campagne_is_skipped():
    assert refresh_campagne_statistique.delay(123456).get() == "absente"
