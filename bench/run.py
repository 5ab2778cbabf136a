"""`make bench`: builds the data set if needed, starts gunicorn (2 workers) on loopback, runs every measure, prints
the table and writes it to bench/RESULTS.md with the machine and the date.

    python bench/run.py [--force] [--seulement liste,seance,scdl,porteurs,pdf] [generate.py options]

Needs PostgreSQL (DATABASE_URL, else the local contratville_bench) and ApacheBench (`ab`, apache2-utils).
"""

import os
import sys
import time
import traceback

if __package__ in (None, ""):
    sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent.parent))

from bench import commun, generate  # noqa: E402
from bench.resultats import Ligne, afficher, ecrire_resultats  # noqa: E402

MESURES = {
    "liste": "bench.bench_liste_publique",
    "seance": "bench.bench_seance_admin",
    "scdl": "bench.bench_export_scdl",
    "porteurs": "bench.bench_porteurs",
    "pdf": "bench.bench_programmation_pdf",
}


def parametres():
    parser = generate.analyseur(__doc__)
    parser.add_argument("--seulement", default=",".join(MESURES), help="measures to run, comma-separated")
    return parser.parse_args()


def main():
    debut = time.perf_counter()
    args = parametres()
    url = commun.url_base()
    os.environ["BENCH_DATABASE_URL"] = url  # the scripts run in their own process use the same database
    generate.assurer_jeu_de_donnees(args, url=url)
    commun.preparer_django(url)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.reglages"
    from django.core.management import call_command

    call_command("migrate", verbosity=0)  # a data set kept from an earlier run follows the code's migrations

    import importlib

    from bench.serveur import Serveur

    choisies = [nom for nom in args.seulement.split(",") if nom]
    lignes: list[Ligne] = []
    with Serveur(url) as serveur:
        ctx = {"serveur": serveur, "url": url}
        for nom in choisies:
            print(f"== {nom}", flush=True)
            try:
                nouvelles = importlib.import_module(MESURES[nom]).mesurer(ctx)
            except Exception:  # one failing measure must not hide the others
                traceback.print_exc()
                nouvelles = [Ligne(f"{nom} : la mesure a échoué", "voir la trace ci-dessus", atteinte=False)]
            afficher(nouvelles)
            lignes += nouvelles
    duree = time.perf_counter() - debut
    print("\n== Résultats")
    afficher(lignes)
    jeu = generate.signature(args)
    ecrire_resultats(lignes, duree=duree, charge=os.getloadavg(), jeu=jeu)
    print(f"\n{duree / 60:.1f} min ; tableau écrit dans bench/RESULTS.md")


if __name__ == "__main__":
    main()
