"""The référentiel file sets up one conseil citoyen per quartier prioritaire with the numbers of its rules."""

import pytest

from conseil_citoyen.models import ConseilCitoyen

pytestmark = pytest.mark.django_db


def test_blois_conseil_citoyen_numbers(referentiel):
    conseil = ConseilCitoyen.objects.get(contrat=referentiel)
    assert conseil.quartier.nom == "Quartiers Nord"
    assert (conseil.mandat_mois, conseil.renouvellements_max) == (12, 2)
    assert (conseil.tirage_nombre, conseil.tirage_retenus, conseil.volontaires_sieges) == (32, 8, 6)
    habitants, associations = conseil.colleges.order_by("-type")
    assert (habitants.sieges, habitants.part_minimum) == (14, 50)
    assert habitants.parite and habitants.residence_qpv
    assert associations.sieges == 12
    assert sorted(associations.sieges_reserves.values_list("instance", "nombre")) == [
        ("Conseil de quartier Nord", 2),
        ("Conseil des Jeunes", 1),
    ]
