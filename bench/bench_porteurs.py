"""50 porteurs at once saving steps and submitting (locust, bounded in time): p95 latency, errors, and every
submitted dossier checked in the database.

Sessions are opened here (as if each porteur had signed in once): 50 PBKDF2 sign-ins at once would measure the
password hasher, which is slow by design. The drafts are reset before each run, so the data set stays reusable.
"""

import csv
import json
import pathlib
import subprocess
import sys
import tempfile

from django.contrib.auth import get_user_model
from django.test import Client

from bench import commun
from bench.resultats import Ligne, ecart_relatif

CIBLE_P95_MS = 300
DUREE = "60s"


def _reinitialiser(dossiers):
    from projets.models import Depot, Dossier, TransitionDossier

    Depot.objects.filter(dossier__in=dossiers).delete()
    TransitionDossier.objects.filter(dossier__in=dossiers).delete()
    Dossier.objects.filter(pk__in=dossiers).update(etat="brouillon", numero=None, depose_le=None)


def _comptes() -> tuple[list[dict], list[int]]:
    from projets.models import Dossier

    comptes, tous = [], []
    for rang in range(commun.PORTEURS_COMPTES):
        user = get_user_model().objects.get(email=commun.email_porteur(rang))
        brouillons = list(
            Dossier.objects.filter(porteur__membres__user=user, campagne__etat="ouverte", lignes_budget__compte="64")
            .order_by("pk")
            .values_list("pk", flat=True)
        )  # fmt: skip
        client = Client()
        client.force_login(user)
        comptes.append({"session": client.cookies["sessionid"].value, "brouillons": brouillons})
        tous += brouillons
    return comptes, tous


def mesurer(ctx) -> list[Ligne]:
    from projets.models import Depot, Dossier

    comptes, dossiers = _comptes()
    _reinitialiser(dossiers)
    prefixe = pathlib.Path(tempfile.mkdtemp(prefix="bench-locust-")) / "porteurs"
    ctx["serveur"].profiler("porteurs", 40)
    subprocess.run(
        [
            str(pathlib.Path(sys.executable).parent / "locust"),
            "-f",
            str(commun.RACINE / "bench" / "locust_porteurs.py"),
            "--headless",
            "--users",
            str(commun.PORTEURS_COMPTES),
            "--spawn-rate",
            "10",
            "--run-time",
            DUREE,
            "--host",
            ctx["serveur"].adresse,
            "--csv",
            str(prefixe),
            "--only-summary",
            "--loglevel",
            "WARNING",
            "--stop-timeout",
            "10",
        ],  # fmt: skip
        env={**ctx["serveur"].environnement(), "BENCH_PORTEURS": json.dumps(comptes)},
        capture_output=True,
        check=False,
    )
    with open(f"{prefixe}_stats.csv", newline="") as fichier:
        stats = {ligne["Name"]: ligne for ligne in csv.DictReader(fichier)}
    ecritures = [stats[n] for n in ("étape : enregistrement automatique", "dépôt") if n in stats]
    total = stats["Aggregated"]
    p95 = max(float(s["95%"]) for s in ecritures) if ecritures else float("nan")
    erreurs = int(total["Failure Count"])
    deposes_ok = int(stats["dépôt"]["Request Count"]) - int(stats["dépôt"]["Failure Count"]) if "dépôt" in stats else 0
    en_base = Dossier.objects.filter(pk__in=dossiers, etat="depose").count()
    avec_depot = Depot.objects.filter(dossier__in=dossiers).values("dossier").distinct().count()
    perdus = max(deposes_ok - min(en_base, avec_depot), 0)
    detail = ", ".join(f"{n} p95 {float(s['95%']):.0f} ms" for n, s in stats.items() if n != "Aggregated")
    return [
        Ligne(
            f"{commun.PORTEURS_COMPTES} porteurs simultanés : p95 des enregistrements et dépôts",
            f"{p95:.0f} ms ({int(total['Request Count'])} requêtes en {DUREE} ; {detail})",
            f"< {CIBLE_P95_MS} ms",
            p95 < CIBLE_P95_MS,
            ecart_relatif(p95, CIBLE_P95_MS, plus_grand_mieux=False),
        ),
        Ligne(
            f"{commun.PORTEURS_COMPTES} porteurs simultanés : erreurs",
            str(erreurs),
            "0",
            erreurs == 0,
            f"{erreurs} erreurs",
        ),
        Ligne(
            f"{commun.PORTEURS_COMPTES} porteurs simultanés : dépôts perdus",
            f"{perdus} ({deposes_ok} dépôts acceptés, {en_base} dossiers déposés en base, {avec_depot} avec leur "
            f"dépôt figé, sur {len(dossiers)} brouillons)",
            "0",
            perdus == 0 and deposes_ok > 0,
            f"{perdus} perdus",
        ),
    ]
