import random

import pytest
from django.core.exceptions import ValidationError
from stdnum import luhn
from stdnum.fr import siret as stdnum_siret

from projets.factories import PorteurFactory, fake_siret
from projets.validators import compact_identifier, siret_is_valid, validate_rna, validate_siret
from tests.test_porteur_profile import profil

VALID_SIRETS = [
    "73282932000074",  # Apple France
    "44306184100047",  # Google France
    "13002526500013",  # DINUM
    "35600000000048",  # La Poste, head office (follows Luhn)
    "35600000049837",  # La Poste's rule (made-up establishment): digit sum multiple of 5, Luhn fails
]


@pytest.mark.parametrize("siret", VALID_SIRETS)
def test_real_sirets_are_accepted(siret):
    validate_siret(siret)


@pytest.mark.parametrize(
    ("siret", "message"),
    [
        ("73282932000075", "clé de contrôle est fausse"),  # last digit changed
        ("44306184100074", "clé de contrôle est fausse"),  # two digits swapped
        ("7328293200007", "exactement 14 chiffres"),
        ("7328293200007A", "exactement 14 chiffres"),
        ("", "exactement 14 chiffres"),
    ],
)
def test_invalid_sirets_are_refused_with_a_french_message(siret, message):
    with pytest.raises(ValidationError, match=message):
        validate_siret(siret)


@pytest.mark.parametrize("rna", ["W412001234", "W751234567", "W2A1002345"])
def test_well_formed_rna_numbers_are_accepted(rna):
    validate_rna(rna)


@pytest.mark.parametrize("rna", ["W41200123", "412001234W", "w4120012345", "X412001234", "W41200123Z"])
def test_malformed_rna_numbers_are_refused_with_a_french_message(rna):
    with pytest.raises(ValidationError, match="commence par la lettre W suivie de 9 caractères"):
        validate_rna(rna)


def test_spaces_and_dots_people_type_are_dropped_before_checking():
    assert compact_identifier("732 829 320 00074") == "73282932000074"
    assert compact_identifier("w41.200.1234") == "W412001234"


@pytest.mark.django_db
def test_the_porteur_model_runs_both_checks():
    porteur = PorteurFactory.build(siret="73282932000075", rna="W123")
    with pytest.raises(ValidationError) as error:
        porteur.full_clean()
    assert set(error.value.message_dict) == {"siret", "rna"}


@pytest.mark.django_db
def test_the_admin_form_shows_the_french_message_next_to_the_field_and_keeps_the_input(client, administrateur):
    client.force_login(administrateur)
    response = client.post(
        "/admin/projets/porteur/add/",
        {
            "raison_sociale": "Association test",
            "forme_juridique": "association",
            "siret": "73282932000075",
            "rna": "W12",
            "alias": "[]",
            "membres-TOTAL_FORMS": "0",
            "membres-INITIAL_FORMS": "0",
        },
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "clé de contrôle est fausse" in content
    assert "commence par la lettre W" in content
    assert 'value="Association test"' in content and 'value="73282932000075"' in content


@pytest.mark.parametrize(
    "siret",
    [
        "36075983867565",  # the SIRET's key is right, the SIREN's (360759838) is not: INSEE has no such number
        "12345678000006",
    ],
)
def test_a_siret_whose_siren_key_is_wrong_is_refused_like_insee_does(siret):
    assert luhn.is_valid(siret)  # the 14-digit key alone would accept it
    with pytest.raises(ValidationError, match="clé de contrôle de son SIREN"):
        validate_siret(siret)
    assert not siret_is_valid(siret)


def test_la_poste_establishments_follow_their_own_rule():
    assert siret_is_valid("35600000049837")  # digit sum multiple of 5, Luhn fails
    assert not siret_is_valid("35600000049838")


def test_the_factories_generate_sirets_insee_accepts():
    rng = random.Random(12)
    assert all(stdnum_siret.is_valid(fake_siret(rng)) for _ in range(2000))


@pytest.mark.django_db
def test_the_structure_form_explains_a_wrong_siren_key_next_to_the_field(client, conseil_citoyen):
    client.force_login(conseil_citoyen)
    response = client.post("/espace-porteur/structures/nouvelle/", profil(siret="360 759 838 67565"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "clé de contrôle de son SIREN" in content and 'value="360 759 838 67565"' in content
