"""The named rules of the suivi (suivi/rules.py)."""

import datetime
from decimal import Decimal

import pytest

from suivi.enums import PalierRelance
from suivi.rules import (
    bilan_date_limite,
    ecart_a_justifier,
    palier_de_relance,
    publics_incoherents,
    repartition_avance_solde,
)


@pytest.mark.parametrize(
    ("montant", "avance", "solde"),
    [("8000", "6400.00", "1600.00"), ("1234.57", "987.66", "246.91"), ("0.01", "0.01", "0.00")],
)
def test_avance_and_solde_add_up_to_the_vote(montant, avance, solde):
    assert repartition_avance_solde(Decimal(montant)) == (Decimal(avance), Decimal(solde))
    assert sum(repartition_avance_solde(Decimal(montant))) == Decimal(montant)


@pytest.mark.parametrize(
    ("annee", "fin", "attendu"),
    [
        (2031, None, datetime.date(2032, 6, 30)),
        (2031, datetime.date(2031, 8, 31), datetime.date(2032, 2, 29)),
        (2031, datetime.date(2031, 3, 15), datetime.date(2031, 9, 15)),
    ],
)
def test_the_bilan_is_due_six_months_after_the_end_of_the_action(annee, fin, attendu):
    assert bilan_date_limite(annee=annee, date_fin=fin) == attendu


@pytest.mark.parametrize(
    ("prevu", "realise", "a_justifier"),
    [
        ("1000", "1150", False),
        ("1000", "1150.01", True),
        ("1000", "849.99", True),
        ("0", "10", True),
        ("0", "0", False),
    ],
)
def test_gaps_above_15_percent_must_be_explained(prevu, realise, a_justifier):
    assert ecart_a_justifier(Decimal(prevu), Decimal(realise)) is a_justifier


@pytest.mark.parametrize(
    ("jours", "palier"),
    [(-31, None), (-30, PalierRelance.AVANT_30), (-3, PalierRelance.AVANT_7), (0, PalierRelance.AVANT_7),
     (1, PalierRelance.APRES_1), (20, PalierRelance.APRES_15), (90, PalierRelance.APRES_30)],
)  # fmt: skip
def test_the_reminder_step_is_the_latest_reached(jours, palier):
    echeance = datetime.date(2032, 6, 30)
    assert palier_de_relance(echeance=echeance, aujourd_hui=echeance + datetime.timedelta(days=jours)) == palier


def test_the_publics_add_up_by_age_and_by_place():
    assert publics_incoherents(femmes=3, hommes=2, ages=[5, None], quartiers=[4], hors_quartiers=1) == []
    erreurs = publics_incoherents(femmes=3, hommes=2, ages=[4], quartiers=[4], hors_quartiers=None)
    assert len(erreurs) == 2 and "tranches d'âge totalisent 4" in erreurs[0]
