"""Offline checks of French organisation identifiers: never call a registry that may be down."""

import re

from django.core.exceptions import ValidationError

# La Poste's establishments share one SIREN and do not all follow Luhn: INSEE accepts those whose
# digit sum is a multiple of 5 (the head office, 356 000 000 00048, does follow Luhn).
LA_POSTE_SIREN = "356000000"
RNA_PATTERN = re.compile(r"^W[0-9][0-9AB][0-9]{7}$")  # W + department (2A/2B for Corsica) + 7 digits


def compact_identifier(value: str) -> str:
    """Drop the spaces, dots and dashes people type in identifiers ("123 456 789 00012")."""
    return re.sub(r"[\s.\-\u00a0\u202f]", "", value or "").upper()


def luhn_is_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        digit = int(char)
        if position % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def siret_is_valid(value: str) -> bool:
    if not re.fullmatch(r"\d{14}", value):
        return False
    if value.startswith(LA_POSTE_SIREN) and sum(int(c) for c in value) % 5 == 0:
        return True
    return luhn_is_valid(value)


def validate_siret(value: str) -> None:
    if not re.fullmatch(r"\d{14}", value or ""):
        raise ValidationError(
            "Le numéro SIRET doit comporter exactement 14 chiffres (9 pour le SIREN puis 5 pour l'établissement).",
            code="siret_format",
        )
    if not siret_is_valid(value):
        raise ValidationError(
            "Ce numéro SIRET n'existe pas : sa clé de contrôle est fausse. Vérifiez-le sur votre avis de situation "
            "INSEE ou sur l'annuaire des entreprises.",
            code="siret_checksum",
        )


def validate_rna(value: str) -> None:
    if not RNA_PATTERN.fullmatch(value or ""):
        raise ValidationError(
            "Le numéro RNA commence par la lettre W suivie de 9 caractères (par exemple W412001234). "
            "Il figure sur le récépissé de déclaration en préfecture.",
            code="rna_format",
        )
