"""Offline checks of French organisation identifiers: never call a registry that may be down.

SIRET: python-stdnum's rule, the one INSEE and validata apply (the SIREN's own Luhn key, then the SIRET's, and
La Poste's establishments whose digit sum is a multiple of 5). One function, `siret_is_valid`, used by the
models, the forms, the imports and the SCDL export and validator. RNA: stdnum has no module for it, hence the
pattern below.
"""

import re

from django.core.exceptions import ValidationError
from stdnum.fr import siren, siret

RNA_PATTERN = re.compile(r"^W[0-9][0-9AB][0-9]{7}$")  # W + department (2A/2B for Corsica) + 7 digits
MESSAGE_SIRET_FORMAT = (
    "Le numéro SIRET doit comporter exactement 14 chiffres (9 pour le SIREN puis 5 pour l'établissement)."
)
VERIFIER_SIRET = "Vérifiez-le sur votre avis de situation INSEE ou sur l'annuaire des entreprises."


def compact_identifier(value: str) -> str:
    """Drop the spaces, dots and dashes people type in identifiers ("123 456 789 00012")."""
    return re.sub(r"[\s.\-\u00a0\u202f]", "", value or "").upper()


def siret_is_valid(value: str) -> bool:
    """14 digits exactly (stored and published compact) and INSEE's keys."""
    return bool(re.fullmatch(r"\d{14}", value or "", re.ASCII)) and siret.is_valid(value)


def validate_siret(value: str) -> None:
    if not re.fullmatch(r"\d{14}", value or "", re.ASCII):
        raise ValidationError(MESSAGE_SIRET_FORMAT, code="siret_format")
    if not siren.is_valid(value[:9]):
        raise ValidationError(
            "Ce numéro SIRET n'existe pas : la clé de contrôle de son SIREN (les 9 premiers chiffres) est fausse. "
            + VERIFIER_SIRET,
            code="siret_checksum",
        )
    if not siret_is_valid(value):
        raise ValidationError(
            "Ce numéro SIRET n'existe pas : sa clé de contrôle est fausse. " + VERIFIER_SIRET,
            code="siret_checksum",
        )


def validate_rna(value: str) -> None:
    if not RNA_PATTERN.fullmatch(value or ""):
        raise ValidationError(
            "Le numéro RNA commence par la lettre W suivie de 9 caractères (par exemple W412001234). "
            "Il figure sur le récépissé de déclaration en préfecture.",
            code="rna_format",
        )
