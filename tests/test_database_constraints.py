"""Invariants that live in the database: they hold whatever code writes the rows."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from enjeux.enums import TypeQuartier
from enjeux.factories import AxeStrategiqueFactory, EnjeuFactory, QuartierFactory
from projets.factories import (
    CampagneFactory,
    DossierFactory,
    EnveloppeFactory,
    LigneFinancementFactory,
    PorteurFactory,
)

pytestmark = pytest.mark.django_db


def refused(factory, **kwargs):
    with pytest.raises(IntegrityError), transaction.atomic():
        factory(**kwargs)
    return True


def test_axe_numbers_are_unique_within_an_enjeu_only():
    enjeu = EnjeuFactory()
    AxeStrategiqueFactory(enjeu=enjeu, numero=3)
    AxeStrategiqueFactory(enjeu=EnjeuFactory(contrat=enjeu.contrat), numero=3)  # same number, other enjeu
    assert refused(AxeStrategiqueFactory, enjeu=enjeu, numero=3)


def test_amounts_are_never_negative():
    assert refused(LigneFinancementFactory, montant_demande=Decimal("-1"))
    assert refused(LigneFinancementFactory, montant_vote=Decimal("-0.01"))
    assert refused(EnveloppeFactory, montant=Decimal("-5"))


def test_one_line_per_financeur_in_a_dossier():
    ligne = LigneFinancementFactory()
    assert refused(LigneFinancementFactory, dossier=ligne.dossier, financeur=ligne.financeur)


def test_a_call_closes_after_it_opens_and_there_is_one_per_year():
    now = datetime.datetime(2030, 10, 1, tzinfo=datetime.UTC)
    assert refused(CampagneFactory, date_ouverture=now, date_cloture=now - datetime.timedelta(days=1))
    campagne = CampagneFactory(annee=2040)
    assert refused(CampagneFactory, contrat=campagne.contrat, annee=2040)


def test_dossier_dates_and_ages_are_ordered():
    assert refused(DossierFactory, date_debut=datetime.date(2030, 6, 1), date_fin=datetime.date(2030, 1, 1))
    assert refused(DossierFactory, age_min=16, age_max=14)


def test_only_a_sous_quartier_has_a_parent():
    qpv = QuartierFactory()
    QuartierFactory(contrat=qpv.contrat, type=TypeQuartier.SOUS_QUARTIER, parent=qpv)
    assert refused(QuartierFactory, contrat=qpv.contrat, type=TypeQuartier.SOUS_QUARTIER, parent=None)
    assert refused(QuartierFactory, contrat=qpv.contrat, type=TypeQuartier.QPV, parent=qpv)


def test_a_siret_or_rna_belongs_to_one_porteur_but_many_may_have_none():
    porteur = PorteurFactory()
    PorteurFactory(siret="", rna="")
    PorteurFactory(siret="", rna="")
    assert refused(PorteurFactory, siret=porteur.siret)
    assert refused(PorteurFactory, rna=porteur.rna)
