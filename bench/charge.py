"""Requests per second of a URL under load, measured with ApacheBench (`ab`, Debian's apache2-utils) on loopback.

ab is written in C: on a 2-core machine it takes far less CPU than the server it measures, unlike a Python client.
Each URL is measured a fixed time after a short warm-up; ratios are taken between URLs of the same run.
"""

import re
import shutil
import subprocess
import sys

CONCURRENCE = 4  # two workers, two requests waiting each: the CPU is kept busy without queueing much


def ab_disponible() -> bool:
    return shutil.which("ab") is not None


def requetes_par_seconde(
    url: str, *, secondes: int = 8, cookie: str | None = None, echauffement: int = 20, nombre: int | None = None
) -> dict:
    """{"rps", "echecs", "non_2xx", "moyenne_ms"} for `url` (GET) over `secondes`, or for `nombre` requests (a
    page of several seconds would complete none within a short time limit)."""
    if not ab_disponible():
        sys.exit("ApacheBench (ab) est nécessaire : apt-get install apache2-utils. / ab is needed: apache2-utils.")
    options = ["-C", cookie] if cookie else []
    subprocess.run(["ab", "-q", "-n", str(echauffement), "-c", "2", *options, url], capture_output=True, check=False)
    limite = ["-n", str(nombre)] if nombre else ["-t", str(secondes), "-n", "1000000"]
    sortie = subprocess.run(
        ["ab", "-q", *limite, "-c", str(min(CONCURRENCE, nombre or CONCURRENCE)), *options, url],
        capture_output=True,
        text=True,
        check=False,
    ).stdout

    def valeur(motif, defaut=0.0):
        trouve = re.search(motif, sortie)
        return float(trouve.group(1)) if trouve else defaut

    return {
        "rps": valeur(r"Requests per second:\s+([\d.]+)"),
        # ab counts a page whose length differs from the first one as failed: dynamic pages do; not an error.
        "echecs": sum(int(valeur(rf"{nom}: (\d+)")) for nom in ("Connect", "Receive", "Exceptions")),
        "non_2xx": int(valeur(r"Non-2xx responses:\s+(\d+)")),
        "moyenne_ms": valeur(r"Time per request:\s+([\d.]+) \[ms\] \(mean\)"),
        "requetes": int(valeur(r"Complete requests:\s+(\d+)")),
    }
