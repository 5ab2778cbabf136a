"""The COPIL séance page of the admin with 2 000 dossiers on its agenda: SQL queries, and requests per second as a
ratio to the plain admin changelist of the same model (séances)."""

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench import commun
from bench.charge import requetes_par_seconde
from bench.resultats import Ligne, ecart_relatif

CIBLE_REQUETES = 15
CIBLE_RAPPORT = 0.50


def _requetes(client: Client, chemin: str) -> int:
    client.get(chemin)
    with CaptureQueriesContext(connection) as contexte:
        reponse = client.get(chemin)
    assert reponse.status_code == 200, (chemin, reponse.status_code)
    return len(contexte.captured_queries)


def mesurer(ctx) -> list[Ligne]:
    from projets.enums import StatutSeance
    from projets.models import Seance

    seance = Seance.objects.filter(statut=StatutSeance.PREPARATION).order_by("pk").first()
    nombre = seance.examens.count()
    client = Client()
    client.force_login(get_user_model().objects.get(email=commun.ADMIN))
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    chemins = {
        "page de la séance": f"/admin/projets/seance/{seance.pk}/change/",
        "liste des séances (référence)": "/admin/projets/seance/",
    }
    adresse = ctx["serveur"].adresse
    ctx["serveur"].profiler("seance", 8)
    mesures = {
        "page de la séance": requetes_par_seconde(
            f"{adresse}{chemins['page de la séance']}", cookie=cookie, echauffement=1, nombre=4
        ),
        "liste des séances (référence)": requetes_par_seconde(
            f"{adresse}{chemins['liste des séances (référence)']}", cookie=cookie
        ),
    }
    requetes = {nom: _requetes(client, chemin) for nom, chemin in chemins.items()}
    page, liste = mesures["page de la séance"], mesures["liste des séances (référence)"]
    rapport = page["rps"] / liste["rps"] if liste["rps"] else 0
    erreurs = page["non_2xx"] + page["echecs"]
    return [
        Ligne(
            f"Séance du COPIL ({nombre} dossiers à l'ordre du jour) : requêtes SQL",
            str(requetes["page de la séance"]),
            f"≤ {CIBLE_REQUETES}",
            requetes["page de la séance"] <= CIBLE_REQUETES,
            f"{requetes['page de la séance'] - CIBLE_REQUETES} de trop",
        ),
        Ligne(
            "Séance du COPIL : débit / liste des séances de l'admin",
            f"{rapport * 100:.0f} % ({page['rps']:.2f} req/s, {page['moyenne_ms'] / 1000:.1f} s par page ; liste "
            f"{liste['rps']:.0f} req/s, {requetes['liste des séances (référence)']} requêtes"
            f"{f' ; {erreurs} erreurs' if erreurs else ''})",
            f"≥ {CIBLE_RAPPORT * 100:.0f} %",
            rapport >= CIBLE_RAPPORT and not erreurs,
            ecart_relatif(rapport, CIBLE_RAPPORT, plus_grand_mieux=True),
        ),
    ]
