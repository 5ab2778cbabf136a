"""The programmation PDF of 100 and 1 000 decided dossiers: seconds, peak memory and how time grows.

Runs standalone (`make bench`, or `python bench/bench_programmation_pdf.py`) in a throwaway database: a test
database of DATABASE_URL when it points to PostgreSQL, else a SQLite file in a temporary folder. The Blois
référentiel gives real enjeux, axes, quartiers and financeurs; the dossiers are bulk-created from a fixed seed.
"""

import os
import pathlib
import random
import sys
import tempfile
import time
from decimal import Decimal

if __package__ in (None, ""):
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

from bench.generate import ACTIONS, PUBLICS  # noqa: E402  the titles of the national data set

CIBLE_SECONDES = 10.0  # 1 000 dossiers on 2 cores
CIBLE_RAPPORT = 12.0  # t(1000) / t(100): close to linear
CIBLE_MEMOIRE_MO = 500
SEED = 2031

FORMES = ["Association", "Centre social", "Comité de quartier", "Collectif", "Maison des jeunes et de la culture"]


def _setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "contratville.settings")
    os.environ.setdefault("DEBUG", "true")
    import django

    django.setup()
    from django.db import connection

    database = connection.settings_dict
    if connection.vendor == "sqlite":
        dossier = tempfile.mkdtemp(prefix="bench-programmation-")
        database["TEST"]["NAME"] = str(pathlib.Path(dossier) / "bench.sqlite3")
    else:
        database["TEST"]["NAME"] = f"{database['NAME']}_bench"

    # A test database: created here, destroyed at the end, never the working one.
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    return connection


def _referentiel():
    import io

    from django.conf import settings
    from django.core.management import call_command

    from enjeux.models import ContratDeVille

    call_command("load_referentiel", settings.BASE_DIR / "enjeux/referentiels/blois.yaml", stdout=io.StringIO())
    return ContratDeVille.objects.get()


def _campagne(contrat, annee: int, nombre: int):
    """A campagne whose `nombre` dossiers went through a closed COPIL: most retained, some refused or pending."""
    from django.utils import timezone
    from faker import Faker

    from enjeux.models import AxeStrategique, Quartier
    from projets.enums import EtatCampagne, EtatDossier
    from projets.models import Campagne, Dossier, Financeur, LigneFinancement, Porteur

    rng = random.Random(SEED + nombre)
    fake = Faker("fr_FR")
    fake.seed_instance(SEED + nombre)
    maintenant = timezone.now()
    campagne = Campagne.objects.create(
        contrat=contrat,
        annee=annee,
        libelle=f"Appel à projets {annee}",
        date_ouverture=maintenant - timezone.timedelta(days=200),
        date_cloture=maintenant - timezone.timedelta(days=150),
        etat=EtatCampagne.PROGRAMMEE,
    )
    porteurs = Porteur.objects.bulk_create(
        Porteur(
            raison_sociale=f"{rng.choice(FORMES)} {fake.last_name()} {rang}",
            adresse=fake.street_address(),
            code_postal="41000",
            commune="Blois",
        )
        for rang in range(max(nombre // 3, 1))
    )
    etats = [EtatDossier.RETENU] * 8 + [EtatDossier.NON_RETENU, EtatDossier.INSTRUIT]
    dossiers = Dossier.objects.bulk_create(
        Dossier(
            campagne=campagne,
            porteur=rng.choice(porteurs),
            numero=f"CV-{annee}-{rang:04d}",
            intitule=rng.choice(ACTIONS) + rng.choice(PUBLICS),
            description=fake.paragraph(nb_sentences=3),
            etat=rng.choice(etats),
        )
        for rang in range(1, nombre + 1)
    )
    axes = list(AxeStrategique.objects.filter(enjeu__contrat=contrat))
    quartiers = list(Quartier.objects.filter(contrat=contrat))
    Dossier.axes.through.objects.bulk_create(
        Dossier.axes.through(dossier_id=d.pk, axestrategique_id=axe.pk)
        for d in dossiers
        for axe in rng.sample(axes, k=rng.choice([1, 1, 2]))
    )
    Dossier.quartiers.through.objects.bulk_create(
        Dossier.quartiers.through(dossier_id=d.pk, quartier_id=q.pk)
        for d in dossiers
        for q in rng.sample(quartiers, k=rng.randint(1, 2))
    )
    financeurs = list(Financeur.objects.filter(actif=True).order_by("ordre", "nom")[:8])
    lignes = []
    for dossier in dossiers:
        for financeur in rng.sample(financeurs, k=rng.randint(1, 3)):
            demande = Decimal(rng.randrange(1_500, 30_000, 250))
            propose = (demande * Decimal("0.8")).quantize(Decimal("1"))
            vote = {EtatDossier.RETENU: propose, EtatDossier.NON_RETENU: Decimal("0")}.get(dossier.etat)
            lignes.append(
                LigneFinancement(
                    dossier=dossier,
                    financeur=financeur,
                    nature=financeur.nature,
                    montant_demande=demande,
                    montant_propose=propose,
                    montant_vote=vote,
                )
            )
    LigneFinancement.objects.bulk_create(lignes)
    return campagne


def _mesurer(campagne, *, balises: bool = True) -> dict:
    """Wall and CPU seconds of the programmation PDF (data read and rendering), as tagged PDF/UA like the job
    makes it, or untagged for reference; with the process's peak memory so far."""
    from unittest import mock

    from projets.services import documents

    variante = documents.PDF_VARIANT if balises else None
    with mock.patch.object(documents, "PDF_VARIANT", variante):
        debut, cpu = time.perf_counter(), time.process_time()
        pdf = documents.programmation_pdf(campagne=campagne)
        secondes, cpu = time.perf_counter() - debut, time.process_time() - cpu
    from bench.commun import pic_memoire_mo

    pic_mo = round(pic_memoire_mo())
    return {"secondes": secondes, "cpu": cpu, "pic_mo": pic_mo, "ko": len(pdf) // 1024}


def main():
    connection = _setup_django()
    try:
        contrat = _referentiel()
        campagnes = {nombre: _campagne(contrat, 2040 + rang, nombre) for rang, nombre in enumerate((100, 1000))}
        _mesurer(campagnes[100])  # warm-up: fonts and stylesheets are loaded once per process
        mesures = {nombre: _mesurer(campagne) for nombre, campagne in campagnes.items()}
        references = {nombre: _mesurer(campagne, balises=False) for nombre, campagne in campagnes.items()}
    finally:
        connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)
    charge = os.getloadavg()[0]
    print(f"Base {connection.vendor}, {os.cpu_count()} processeurs, charge moyenne sur 1 min : {charge:.1f}")
    print("PDF de la programmation (lecture des données et mise en page), PDF/UA balisé comme le produit le worker :")
    for nombre, m in mesures.items():
        sans = references[nombre]
        print(
            f"{nombre:>6} dossiers : {m['secondes']:6.2f} s (CPU {m['cpu']:.2f} s), {m['ko']} Ko ; "
            f"sans balises : {sans['secondes']:.2f} s (CPU {sans['cpu']:.2f} s)"
        )
    t100, t1000 = mesures[100]["secondes"], mesures[1000]["secondes"]
    rapport = t1000 / t100
    pic = max(m["pic_mo"] for m in [*mesures.values(), *references.values()])
    verdicts = [
        ("temps pour 1 000 dossiers", t1000 <= CIBLE_SECONDES, f"{t1000:.2f} s ≤ {CIBLE_SECONDES:.0f} s"),
        ("rapport t(1000)/t(100)", rapport <= CIBLE_RAPPORT, f"{rapport:.1f} ≤ {CIBLE_RAPPORT:.0f}"),
        ("pic mémoire du processus", pic <= CIBLE_MEMOIRE_MO, f"{pic} Mo ≤ {CIBLE_MEMOIRE_MO} Mo"),
    ]
    for libelle, ok, detail in verdicts:
        print(f"  {'OK        ' if ok else 'HORS CIBLE'} {libelle} : {detail}")
    if charge > 1:
        print("  (machine chargée pendant la mesure : le temps CPU est plus fiable que le temps écoulé)")
    return {"mesures": mesures, "references": references, "pic_mo": pic}


def mesurer(ctx) -> list:
    """For bench/run.py: this script in its own process (its memory peak is the PDF's), as table lines."""
    from bench.resultats import Ligne, ecart_relatif, sous_processus

    r = sous_processus("bench_programmation_pdf.py", "--json")
    m100, m1000 = r["mesures"]["100"], r["mesures"]["1000"]
    sans = r["references"]["1000"]
    t100, t1000 = m100["secondes"], m1000["secondes"]
    rapport = t1000 / t100
    return [
        Ligne("PDF de la programmation, 100 dossiers", f"{t100:.2f} s (CPU {m100['cpu']:.2f} s, {m100['ko']} Ko)"),
        Ligne(
            "PDF de la programmation, 1 000 dossiers",
            f"{t1000:.2f} s (CPU {m1000['cpu']:.2f} s, {m1000['ko']} Ko ; sans balisage PDF/UA "
            f"{sans['secondes']:.2f} s)",
            f"≤ {CIBLE_SECONDES:.0f} s",
            t1000 <= CIBLE_SECONDES,
            ecart_relatif(t1000, CIBLE_SECONDES, plus_grand_mieux=False),
        ),
        Ligne(
            "PDF : rapport t(1000)/t(100)",
            f"{rapport:.1f}",
            f"≤ {CIBLE_RAPPORT:.0f}",
            rapport <= CIBLE_RAPPORT,
            ecart_relatif(rapport, CIBLE_RAPPORT, plus_grand_mieux=False),
        ),
        Ligne(
            "PDF : pic mémoire du processus",
            f"{r['pic_mo']} Mo",
            f"≤ {CIBLE_MEMOIRE_MO} Mo",
            r["pic_mo"] <= CIBLE_MEMOIRE_MO,
            ecart_relatif(r["pic_mo"], CIBLE_MEMOIRE_MO, plus_grand_mieux=False),
        ),
    ]


if __name__ == "__main__":
    import json

    resultats = main()
    if "--json" in sys.argv:
        print("RESULTATS " + json.dumps(resultats))
