"""Public list of funded actions (page 1, filtered, full-text search): requests per second under gunicorn as a
ratio to the bare reference view of the same server, and SQL queries per page."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.charge import requetes_par_seconde
from bench.resultats import Ligne, ecart_relatif

CIBLE_RAPPORT = 0.40
CIBLE_REQUETES = 10


def pages() -> dict[str, str]:
    from projets.models import Financeur

    financeur = Financeur.objects.get(nom="CAF de Loir-et-Cher")
    return {
        "page 1": "/projets-finances/",
        "filtrée (volet, financeur)": f"/projets-finances/?volet=3&financeur={financeur.pk}",
        "recherche plein texte": "/projets-finances/?q=soutien+scolaire",
        "page 40": "/projets-finances/?page=40",
    }


def requetes_sql(chemin: str) -> int:
    """Queries of a rendering (figures and filters cached, the page itself not: an extra parameter makes a new
    URL); a page served from the page cache makes none."""
    client = Client()
    client.get(chemin)  # first request: caches, sessions
    separateur = "&" if "?" in chemin else "?"
    with CaptureQueriesContext(connection) as contexte:
        reponse = client.get(f"{chemin}{separateur}rendu=1")
    assert reponse.status_code == 200, (chemin, reponse.status_code)
    return len(contexte.captured_queries)


def mesurer(ctx) -> list[Ligne]:
    serveur = ctx["serveur"]
    reference = requetes_par_seconde(f"{serveur.adresse}/bench/reference/")
    ctx["reference_rps"] = reference["rps"]
    lignes = [Ligne("Vue nue de référence (gabarit statique)", f"{reference['rps']:.0f} req/s")]
    for nom, chemin in pages().items():
        serveur.profiler(f"liste-{nom.split()[0]}", 8)
        mesure = requetes_par_seconde(f"{serveur.adresse}{chemin}")
        rapport = mesure["rps"] / reference["rps"] if reference["rps"] else 0
        requetes = requetes_sql(chemin)
        erreurs = mesure["non_2xx"] + mesure["echecs"]
        lignes.append(
            Ligne(
                f"Liste publique, {nom} : débit / vue nue",
                f"{rapport * 100:.0f} % ({mesure['rps']:.0f} req/s, {mesure['moyenne_ms']:.0f} ms"
                f"{f', {erreurs} erreurs' if erreurs else ''})",
                f"≥ {CIBLE_RAPPORT * 100:.0f} %",
                rapport >= CIBLE_RAPPORT and not erreurs,
                ecart_relatif(rapport, CIBLE_RAPPORT, plus_grand_mieux=True),
            )
        )
        lignes.append(
            Ligne(
                f"Liste publique, {nom} : requêtes SQL d'un rendu (hors cache de page)",
                str(requetes),
                f"≤ {CIBLE_REQUETES}",
                requetes <= CIBLE_REQUETES,
                f"{requetes - CIBLE_REQUETES} de trop",
            )
        )
    return lignes
