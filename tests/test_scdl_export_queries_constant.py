"""The SCDL export reads its lines with their COPIL date, convention and payments in a constant number of queries
per chunk, not several per line (at national scale, 200 000 lines). Guards bench/bench_export_scdl.py."""

import itertools
from decimal import Decimal

import pytest

from projets.enums import Decision, EtatDossier, StatutSeance, TypeInstance
from projets.factories import DossierFactory, FinanceurFactory, LigneFinancementFactory, SeanceFactory, fake_siret
from projets.models import DecisionLigne
from tests.helpers.queries import assert_constant_queries

pytestmark = pytest.mark.django_db
_rang = itertools.count()


def test_scdl_export_reads_in_constant_queries(client):
    seance = SeanceFactory(comite__type=TypeInstance.COPIL, statut=StatutSeance.CLOSE)
    financeurs = [FinanceurFactory(nom=f"Financeur {rang}", siret=fake_siret()) for rang in range(2)]

    def ajouter():
        dossier = DossierFactory(
            campagne=seance.campagne, etat=EtatDossier.RETENU, publie=True, numero=f"CV-2031-{next(_rang):04d}",
            porteur__siret=fake_siret(),
        )  # fmt: skip
        for financeur in financeurs:
            ligne = LigneFinancementFactory(dossier=dossier, financeur=financeur, montant_vote=Decimal("1000"))
            DecisionLigne.objects.create(seance=seance, ligne=ligne, decision=Decision.ACCORDE, montant_vote=1000)

    ajouter()

    def exporter():
        reponse = client.get("/donnees/subventions.csv")
        assert b"".join(reponse.streaming_content).count(b"\n") > 1

    assert assert_constant_queries(exporter, ajouter) <= 6
