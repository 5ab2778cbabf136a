import pytest
from django.core.exceptions import ValidationError

from projets.factories import PorteurFactory
from projets.validators import compact_identifier, validate_rna, validate_siret

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
