"""The queue of a campagne with 2 000 dossiers: the same number of SQL queries whatever the page size."""

from decimal import Decimal

import pytest

from enjeux.factories import AxeStrategiqueFactory
from projets.enums import EtatDossier
from projets.factories import CampagneFactory, FinanceurFactory, PorteurFactory
from projets.models import Dossier, LigneFinancement
from tests.helpers.queries import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def campagne_2000():
    campagne = CampagneFactory()
    porteurs = [PorteurFactory() for _ in range(20)]
    financeurs = [FinanceurFactory(nom=f"Financeur {n}") for n in range(3)]
    axe = AxeStrategiqueFactory(enjeu__contrat=campagne.contrat)
    dossiers = Dossier.objects.bulk_create(
        Dossier(
            campagne=campagne,
            porteur=porteurs[n % 20],
            intitule=f"Action {n}",
            numero=f"CV-{campagne.annee}-{n:04d}",
            etat=EtatDossier.DEPOSE if n % 3 else EtatDossier.EN_INSTRUCTION,
        )
        for n in range(2000)
    )
    Dossier.axes.through.objects.bulk_create(
        Dossier.axes.through(dossier_id=d.pk, axestrategique_id=axe.pk) for d in dossiers
    )
    LigneFinancement.objects.bulk_create(
        LigneFinancement(dossier=d, financeur=f, nature=f.nature, montant_demande=Decimal("1000"))
        for d in dossiers
        for f in financeurs[: 1 + d.pk % 3]
    )
    return campagne


def test_the_queue_of_2000_dossiers_runs_the_same_queries_for_25_or_200_rows(client, instructeur, campagne_2000):
    client.force_login(instructeur)
    base = f"/instruction/campagnes/{campagne_2000.pk}/"
    small = count_queries(lambda: client.get(f"{base}?par_page=25"))
    large = count_queries(lambda: client.get(f"{base}?par_page=200&page=3"))
    filtered = count_queries(lambda: client.get(f"{base}?par_page=200&etat=depose&tri=-montant_demande"))
    assert small == large == filtered
    # session, user, 2 × permissions, the roles that choose the navigation; campagne, count, counts per state,
    # 5 filter choice lists, rows, axes, lines, 2 for the enveloppes
    assert small <= 20
    response = client.get(f"{base}?par_page=200")
    assert len(response.context["page"]) == 200 and response.context["page"].paginator.count == 2000
