"""The quorum of a séance: seats of titulaires represented (by the titulaire or one of its suppléants)."""

import pytest
from django.core.exceptions import ValidationError

from projets.enums import Decision, RoleMembre
from projets.factories import ConvocationFactory, MembreInstanceFactory
from projets.models import DecisionLigne
from projets.rules import quorum_requis
from projets.selectors_copil import seance_quorum
from projets.services import copil
from tests.helpers.copil import seance_copil

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("sieges", "pourcentage", "plus_un", "requis"),
    [(10, 50, True, 6), (10, 50, False, 5), (9, 50, True, 5), (9, 50, False, 5), (12, 33, False, 4), (0, 50, True, 1)],
)
def test_quorum_requis(sieges, pourcentage, plus_un, requis):
    assert quorum_requis(sieges=sieges, pourcentage=pourcentage, plus_un=plus_un) == requis


def test_a_suppleant_represents_the_seat_of_the_titulaire_once(membre_copil):
    scenario = seance_copil(secretaire=membre_copil, titulaires=4, presents=1)
    absent = scenario.membres[1]
    suppleant = MembreInstanceFactory(comite=scenario.seance.comite, role=RoleMembre.SUPPLEANT, suppleant_de=absent)
    ConvocationFactory(seance=scenario.seance, membre=suppleant, present=True)
    # A suppléant of a present titulaire adds no seat.
    autre = MembreInstanceFactory(
        comite=scenario.seance.comite, role=RoleMembre.SUPPLEANT, suppleant_de=scenario.membres[0]
    )
    ConvocationFactory(seance=scenario.seance, membre=autre, present=True)

    quorum = seance_quorum(seance=scenario.seance)

    assert (quorum.sieges, quorum.presents, quorum.requis) == (4, 2, 3)
    assert not quorum.atteint


def test_quorum_not_met_the_seance_cannot_be_closed(membre_copil):
    scenario = seance_copil(secretaire=membre_copil, titulaires=5, presents=2)
    DecisionLigne.objects.filter(seance=scenario.seance).update(decision=Decision.AJOURNE)

    with pytest.raises(ValidationError) as refus:
        copil.seance_clore(seance=scenario.seance, by=membre_copil)

    assert "Quorum non atteint : 2 siège(s) représenté(s) sur 5, 3 requis." in refus.value.messages
    scenario.seance.refresh_from_db()
    assert scenario.seance.statut == "preparation"


def test_quorum_met_the_seance_closes(membre_copil):
    scenario = seance_copil(secretaire=membre_copil, titulaires=5, presents=3)
    DecisionLigne.objects.filter(seance=scenario.seance).update(decision=Decision.AJOURNE)

    copil.seance_clore(seance=scenario.seance, by=membre_copil)

    scenario.seance.refresh_from_db()
    assert scenario.seance.statut == "close"
