"""One line of the results table, and the table written to the terminal and to bench/RESULTS.md."""

import datetime
import json
import os
import subprocess
import sys
from dataclasses import dataclass

from bench import commun


@dataclass
class Ligne:
    mesure: str
    valeur: str
    cible: str = ""
    atteinte: bool | None = None  # None: a figure without target
    ecart: str = ""  # by how much a target is missed

    @property
    def verdict(self) -> str:
        return {True: "OK", False: "HORS CIBLE", None: ""}[self.atteinte]


def ecart_relatif(mesure: float, cible: float, *, plus_grand_mieux: bool) -> str:
    if cible == 0:
        return ""
    ratio = (cible - mesure) / cible if plus_grand_mieux else (mesure - cible) / cible
    return f"{ratio * 100:.0f} % {'en dessous' if plus_grand_mieux else 'au-dessus'} de la cible"


def sous_processus(script: str, *args: str, env: dict | None = None, timeout: int = 900) -> dict:
    """Run a bench script in its own process (its memory peak is its own); it prints `RESULTATS <json>` last."""
    sortie = subprocess.run(
        [sys.executable, str(commun.RACINE / "bench" / script), *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=timeout,
        check=False,
    )
    for ligne in reversed(sortie.stdout.splitlines()):
        if ligne.startswith("RESULTATS "):
            return json.loads(ligne.removeprefix("RESULTATS "))
    raise RuntimeError(f"{script} n'a pas donné de résultats :\n{sortie.stdout[-3000:]}\n{sortie.stderr[-3000:]}")


def tableau_markdown(lignes: list[Ligne]) -> str:
    texte = ["| Mesure | Valeur | Cible | Verdict |", "| --- | --- | --- | --- |"]
    for ligne in lignes:
        verdict = ligne.verdict + (f" ({ligne.ecart})" if ligne.ecart and ligne.atteinte is False else "")
        texte.append(f"| {ligne.mesure} | {ligne.valeur} | {ligne.cible} | {verdict} |")
    return "\n".join(texte)


def afficher(lignes: list[Ligne]) -> None:
    largeurs = [max(len(getattr(ligne, c)) for ligne in lignes) for c in ("mesure", "valeur", "cible")]
    for ligne in lignes:
        print(
            f"{ligne.mesure:<{largeurs[0]}}  {ligne.valeur:<{largeurs[1]}}  {ligne.cible:<{largeurs[2]}}  "
            f"{ligne.verdict}{f' ({ligne.ecart})' if ligne.ecart and ligne.atteinte is False else ''}"
        )


def ecrire_resultats(lignes: list[Ligne], *, duree: float, charge: tuple[float, float, float], jeu: dict) -> None:
    """bench/RESULTS.md: the figures of this run, then the analysis kept by hand in bench/ANALYSE.md."""
    analyse = commun.RACINE / "bench" / "ANALYSE.md"
    maintenant = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    texte = [
        "# Mesures de performance (`make bench`)",
        "",
        "Fichier réécrit à chaque exécution de `make bench` ; l'analyse qui suit le tableau est dans "
        "`bench/ANALYSE.md`.",
        "",
        f"- Date : {maintenant}",
        f"- Machine : {commun.description_machine()}",
        f"- Charge moyenne pendant la mesure (1, 5, 15 min) : {charge[0]:.1f}, {charge[1]:.1f}, {charge[2]:.1f} "
        "(machine partagée : les rapports mesurés dans la même exécution comptent plus que les valeurs absolues)",
        f"- Jeu de données : {jeu}",
        f"- Durée de `make bench` : {duree / 60:.1f} min",
        "",
        tableau_markdown(lignes),
        "",
    ]
    if analyse.exists():
        texte += [analyse.read_text().strip(), ""]
    (commun.RACINE / "bench" / "RESULTS.md").write_text("\n".join(texte))
