"""Every numeric rule of the composition: residence, mandate length and renewals, seats, share of habitants,
parity, the association porteuse by right. Errors refuse the save next to the field; the rest are warnings."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from conseil_citoyen.enums import ModeDesignation, Sexe, TypeCollege
from conseil_citoyen.factories import ConseilCitoyenFactory, MembreFactory, SiegeReserveFactory, college
from conseil_citoyen.rules import alertes_de_composition, fin_de_mandat_au_plus_tard, parite_respectee
from projets.factories import PorteurFactory

pytestmark = pytest.mark.django_db


def _erreurs(membre) -> dict:
    with pytest.raises(ValidationError) as refus:
        membre.full_clean()
    return refus.value.message_dict


def _alertes(conseil):
    actifs = list(conseil.membres.filter(statut="actif"))
    return [
        a.message
        for a in alertes_de_composition(conseil=conseil, colleges=list(conseil.colleges.all()), actifs=actifs)
    ]


def test_habitants_must_live_in_the_quartier_prioritaire():
    membre = MembreFactory.build(conseil=ConseilCitoyenFactory(), reside_qpv=False)
    membre.college = college(membre.conseil)
    assert _erreurs(membre)["reside_qpv"] == [
        "Les membres du collège habitants et des sièges réservés doivent résider dans le quartier prioritaire."
    ]


def test_reserved_seats_require_residence_too_but_other_associations_do_not():
    conseil = ConseilCitoyenFactory()
    associations = college(conseil, TypeCollege.ASSOCIATIONS)
    reserve = SiegeReserveFactory(college=associations, nombre=2)
    libre = MembreFactory.build(
        conseil=conseil,
        college=associations,
        reside_qpv=False,
        est_organisation=True,
        mode=ModeDesignation.APPEL_A_CANDIDATURES,
    )
    libre.full_clean()
    siege = MembreFactory.build(
        conseil=conseil,
        college=associations,
        reside_qpv=False,
        siege_reserve=reserve,
        mode=ModeDesignation.SIEGE_RESERVE,
    )
    assert "reside_qpv" in _erreurs(siege)


def test_a_reserved_seat_cannot_be_taken_twice_more_than_its_number():
    conseil = ConseilCitoyenFactory()
    reserve = SiegeReserveFactory(
        college=college(conseil, TypeCollege.ASSOCIATIONS), instance="Conseil des Jeunes", nombre=1
    )
    MembreFactory(conseil=conseil, college=reserve.college, siege_reserve=reserve, mode=ModeDesignation.SIEGE_RESERVE)
    second = MembreFactory.build(
        conseil=conseil, college=reserve.college, siege_reserve=reserve, mode=ModeDesignation.SIEGE_RESERVE
    )
    assert _erreurs(second)["siege_reserve"] == ["Les sièges réservés au Conseil des Jeunes sont occupés."]


@pytest.mark.parametrize(
    ("debut", "fin", "valide"),
    [
        (datetime.date(2031, 1, 15), datetime.date(2032, 1, 15), True),
        (datetime.date(2031, 1, 15), datetime.date(2032, 1, 16), False),
        (datetime.date(2032, 2, 29), datetime.date(2033, 2, 28), True),
        (datetime.date(2032, 2, 29), datetime.date(2033, 3, 1), False),
    ],
)
def test_a_mandate_lasts_one_year_at_most(debut, fin, valide):
    membre = MembreFactory.build(conseil=ConseilCitoyenFactory(), debut_mandat=debut, fin_mandat=fin)
    membre.college = college(membre.conseil)
    if valide:
        membre.full_clean()
    else:
        assert _erreurs(membre)["fin_mandat"][0].startswith("Un mandat dure au plus 12 mois")


def test_fin_de_mandat_au_plus_tard_handles_month_ends():
    assert fin_de_mandat_au_plus_tard(datetime.date(2031, 8, 31), 6) == datetime.date(2032, 2, 29)
    assert fin_de_mandat_au_plus_tard(datetime.date(2031, 1, 15), 36) == datetime.date(2034, 1, 15)


@pytest.mark.parametrize(("renouvellements", "valide"), [(0, True), (2, True), (3, False)])
def test_a_mandate_is_renewable_twice(renouvellements, valide):
    membre = MembreFactory.build(conseil=ConseilCitoyenFactory(), renouvellements=renouvellements)
    membre.college = college(membre.conseil)
    if valide:
        membre.full_clean()
    else:
        assert _erreurs(membre)["renouvellements"] == [
            "Un mandat se renouvelle au plus 2 fois : le membre doit laisser sa place."
        ]


def test_no_more_active_members_than_seats_in_a_collège():
    conseil = ConseilCitoyenFactory()
    habitants = college(conseil)
    habitants.sieges = 2
    habitants.save()
    MembreFactory.create_batch(2, conseil=conseil)
    troisieme = MembreFactory.build(conseil=conseil, college=habitants)
    assert _erreurs(troisieme)["college"] == ["Les 2 sièges de ce collège sont déjà occupés."]
    MembreFactory.build(conseil=conseil, college=habitants, statut="demissionnaire").full_clean()


def test_habitants_are_at_least_half_of_the_members():
    conseil = ConseilCitoyenFactory()
    MembreFactory.create_batch(3, conseil=conseil, sexe=Sexe.FEMME)
    MembreFactory(conseil=conseil, sexe=Sexe.HOMME)
    associations = college(conseil, TypeCollege.ASSOCIATIONS)
    MembreFactory.create_batch(4, conseil=conseil, college=associations, mode=ModeDesignation.APPEL_A_CANDIDATURES)
    assert not any("habitantes et habitants sont" in a for a in _alertes(conseil))  # 4 of 8: 50 %
    MembreFactory(conseil=conseil, college=associations, mode=ModeDesignation.APPEL_A_CANDIDATURES)
    assert "Les habitantes et habitants sont 44 % des membres : il en faut au moins 50 %." in _alertes(conseil)


def test_parity_in_the_habitants_collège():
    conseil = ConseilCitoyenFactory()
    MembreFactory.create_batch(3, conseil=conseil, sexe=Sexe.FEMME)
    MembreFactory.create_batch(2, conseil=conseil, sexe=Sexe.HOMME)
    assert not any("Parité" in a for a in _alertes(conseil))
    MembreFactory(conseil=conseil, sexe=Sexe.FEMME)
    assert "Parité non respectée dans le Collège « habitants » : 4 femme(s), 2 homme(s)." in _alertes(conseil)
    assert parite_respectee(["F", "H", "F"]) and not parite_respectee(["F", "F", "F", "H"])


def test_the_association_porteuse_is_member_by_right():
    association = PorteurFactory(raison_sociale="Association Quartiers en fête")
    conseil = ConseilCitoyenFactory(association_porteuse=association)
    assert "L'association porteuse (Association Quartiers en fête) est membre de droit." in _alertes(conseil)
    MembreFactory(
        conseil=conseil,
        college=college(conseil, TypeCollege.ASSOCIATIONS),
        structure=association,
        mode=ModeDesignation.DE_DROIT,
        est_organisation=True,
    )
    assert not any("membre de droit" in a for a in _alertes(conseil))
