"""Checks of an SCDL subventions file by other tools than ours: frictionless for the official schema, stdnum for
validata's custom checks (which frictionless skips)."""

import json

import frictionless
from stdnum.fr import siret

from projets.tableschema import charger_schema

FICHIER_EXEMPLE = "scdl-subventions-2.1.1.exemple-valide.csv"


def erreurs_frictionless(texte: str, dossier) -> list:
    """frictionless refuses absolute paths outside the working directory: file and schema go side by side in
    `dossier` (a tmp_path) and are read relative to it."""
    schema = charger_schema()
    schema.pop("custom_checks", None)  # validata's, checked by erreurs_validata
    (dossier / "schema.json").write_text(json.dumps(schema), encoding="utf-8")
    (dossier / "subventions.csv").write_text(texte, encoding="utf-8")
    rapport = frictionless.Resource(path="subventions.csv", schema="schema.json", basepath=str(dossier)).validate()
    return rapport.flatten(["rowNumber", "fieldName", "type", "note"])


def erreurs_validata(lignes: list[dict[str, str]]) -> list[str]:
    """validata's french-siret-value (stdnum's INSEE rule) on both SIRET columns, and one-of-required."""
    erreurs = []
    for rang, ligne in enumerate(lignes, start=2):
        for colonne in ("idAttribuant", "idBeneficiaire"):
            if ligne[colonne] and not siret.is_valid(ligne[colonne]):
                erreurs.append(f"ligne {rang}, {colonne} : SIRET invalide {ligne[colonne]}")
        if not ligne["idBeneficiaire"] and not ligne["rnaBeneficiaire"]:
            erreurs.append(f"ligne {rang} : ni idBeneficiaire ni rnaBeneficiaire")
    return erreurs
