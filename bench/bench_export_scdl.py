"""The SCDL export (CSV, every year) as streamed to a visitor: seconds, rows and the memory peak of the process.

Run in its own process (its peak memory is the export's): the runner calls it; alone, it prints its figures.
"""

import sys
import time

if __package__ in (None, ""):
    sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent.parent))

from bench import commun  # noqa: E402
from bench.resultats import Ligne, ecart_relatif, sous_processus  # noqa: E402

CIBLE_SECONDES = 10.0
CIBLE_MEMOIRE_MO = 150


def _pic_mo() -> float:
    return commun.pic_memoire_mo()


def exporter() -> dict:
    commun.preparer_django()
    from django.test import Client

    client = Client()
    client.get("/donnees/subventions.csv?annee=1999")  # imports and connection, outside the measure
    avant = _pic_mo()
    debut, cpu = time.perf_counter(), time.process_time()
    reponse = client.get("/donnees/subventions.csv")
    octets = lignes = 0
    for morceau in reponse.streaming_content:
        octets += len(morceau)
        lignes += morceau.count(b"\n")
    return {
        "secondes": time.perf_counter() - debut,
        "cpu": time.process_time() - cpu,
        "lignes": lignes - 1,  # the header
        "mo": octets / 1e6,
        "pic_mo": _pic_mo(),
        "pic_avant_mo": avant,
    }


def mesurer(ctx) -> list[Ligne]:
    r = sous_processus("bench_export_scdl.py")
    return [
        Ligne(
            f"Export SCDL ({r['lignes']} lignes, {r['mo']:.0f} Mo) : durée",
            f"{r['secondes']:.1f} s (CPU {r['cpu']:.1f} s)",
            f"≤ {CIBLE_SECONDES:.0f} s",
            r["secondes"] <= CIBLE_SECONDES,
            ecart_relatif(r["secondes"], CIBLE_SECONDES, plus_grand_mieux=False),
        ),
        Ligne(
            "Export SCDL : pic mémoire du processus",
            f"{r['pic_mo']:.0f} Mo (avant l'export : {r['pic_avant_mo']:.0f} Mo)",
            f"≤ {CIBLE_MEMOIRE_MO} Mo",
            r["pic_mo"] <= CIBLE_MEMOIRE_MO,
            ecart_relatif(r["pic_mo"], CIBLE_MEMOIRE_MO, plus_grand_mieux=False),
        ),
    ]


if __name__ == "__main__":
    import json

    print("RESULTATS " + json.dumps(exporter()))
