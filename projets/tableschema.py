"""A small Table Schema validator (frictionless specs) for the SCDL files we publish.

It checks what the SCDL subventions schema uses: the header (names and order), the types string, number, date
and boolean (with trueValues/falseValues), the constraints required, pattern, enum, maxLength, minimum and
maximum, and the schema's two `custom_checks` (validata's french-siret-value and one-of-required). No
dependency: the tests also run `frictionless` on the same file when it is installed.
"""

import csv
import datetime
import io
import json
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

from projets.validators import siret_is_valid

SCHEMA_SCDL_SUBVENTIONS = Path(__file__).parent / "data" / "scdl-subventions-2.1.1.schema.json"


def charger_schema(path: Path = SCHEMA_SCDL_SUBVENTIONS) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _erreur_de_type(field: dict, value: str) -> str | None:
    kind = field.get("type", "string")
    if kind == "number":
        try:
            Decimal(value)
        except InvalidOperation:
            return "nombre attendu (séparateur décimal : le point)"
        return None if re.fullmatch(r"-?\d+(\.\d+)?([eE][-+]?\d+)?", value) else "nombre attendu"
    if kind == "date":
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            return "date AAAA-MM-JJ attendue"
        return None if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else "date AAAA-MM-JJ attendue"
    if kind == "boolean":
        valeurs = field.get("trueValues", ["true"]) + field.get("falseValues", ["false"])
        return None if value in valeurs else f"valeur parmi {valeurs} attendue"
    return None


def _erreurs_de_contraintes(field: dict, value: str) -> list[str]:
    constraints = field.get("constraints") or {}
    erreurs = []
    if "pattern" in constraints and not re.fullmatch(constraints["pattern"], value):
        erreurs.append(f"ne respecte pas le motif {constraints['pattern']}")
    if "enum" in constraints and value not in constraints["enum"]:
        erreurs.append(f"valeur hors de la liste {constraints['enum']}")
    if "maxLength" in constraints and len(value) > constraints["maxLength"]:
        erreurs.append(f"plus de {constraints['maxLength']} caractères")
    if field.get("type") == "number" and ("minimum" in constraints or "maximum" in constraints):
        nombre = Decimal(value)
        if "minimum" in constraints and nombre < Decimal(str(constraints["minimum"])):
            erreurs.append(f"inférieur au minimum {constraints['minimum']}")
        if "maximum" in constraints and nombre > Decimal(str(constraints["maximum"])):
            erreurs.append(f"supérieur au maximum {constraints['maximum']}")
    return erreurs


def _erreurs_personnalisees(schema: dict, ligne: dict) -> list[str]:
    erreurs = []
    for check in schema.get("custom_checks", []):
        params = check.get("params", {})
        if check["name"] == "french-siret-value":
            value = ligne.get(params["column"], "")
            if value and not siret_is_valid(value):
                erreurs.append(f"{params['column']} : numéro SIRET invalide (clé de contrôle)")
        elif check["name"] == "one-of-required":
            if not (ligne.get(params["column1"]) or ligne.get(params["column2"])):
                erreurs.append(f"{params['column1']} ou {params['column2']} requis")
        else:
            erreurs.append(f"contrôle inconnu : {check['name']}")
    return erreurs


def valider_lignes(lignes: list[dict[str, str]], en_tete: list[str], schema: dict) -> list[str]:
    """Every error as "ligne N, colonne : message" (N counts the header as line 1, like validata)."""
    noms = [field["name"] for field in schema["fields"]]
    if en_tete != noms:
        return [f"en-tête : {en_tete} au lieu de {noms}"]
    erreurs = []
    for numero, ligne in enumerate(lignes, start=2):
        for field in schema["fields"]:
            value = ligne.get(field["name"], "")
            if value == "":
                if (field.get("constraints") or {}).get("required"):
                    erreurs.append(f"ligne {numero}, {field['name']} : valeur requise")
                continue
            probleme = _erreur_de_type(field, value)
            messages = [probleme] if probleme else _erreurs_de_contraintes(field, value)
            erreurs += [f"ligne {numero}, {field['name']} : {message}" for message in messages]
        erreurs += [f"ligne {numero}, {message}" for message in _erreurs_personnalisees(schema, ligne)]
    return erreurs


def valider_csv(texte: str, schema: dict | None = None) -> list[str]:
    schema = schema or charger_schema()
    lecteur = csv.DictReader(io.StringIO(texte))
    lignes = list(lecteur)
    return valider_lignes(lignes, list(lecteur.fieldnames or []), schema)
