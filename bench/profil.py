"""Where the workers spent their time: the functions of this project and of the libraries with the most samples
in the py-spy profiles of `BENCH_PYSPY=1 make bench` (collapsed stacks, one file per worker and measure).

    python bench/profil.py porteurs   # the files whose name starts with "porteurs"
"""

import collections
import pathlib
import sys
import tempfile

DOSSIER = pathlib.Path(tempfile.gettempdir()) / "contratville-bench-profils"


def resumer(prefixe: str, nombre: int = 25) -> None:
    inclus, propres, total = collections.Counter(), collections.Counter(), 0
    for fichier in DOSSIER.glob(f"{prefixe}*.txt"):
        for ligne in fichier.read_text().splitlines():
            pile, _, echantillons = ligne.rpartition(" ")
            if not echantillons.isdigit():
                continue
            n = int(echantillons)
            total += n
            cadres = [
                c.split(" (")[0] + " (" + c.split(" (")[-1].split(":")[0].rsplit("/", 1)[-1] for c in pile.split(";")
            ]
            for cadre in set(cadres):
                inclus[cadre] += n
            propres[cadres[-1]] += n
    print(f"{total} échantillons ({prefixe})\n-- temps inclus")
    for cadre, n in inclus.most_common(nombre):
        print(f"{100 * n / total:5.1f} %  {cadre}")
    print("-- temps propre")
    for cadre, n in propres.most_common(15):
        print(f"{100 * n / total:5.1f} %  {cadre}")


if __name__ == "__main__":
    resumer(sys.argv[1] if len(sys.argv) > 1 else "")
