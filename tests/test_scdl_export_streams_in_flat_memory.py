"""The SCDL export streams: rows are read by chunks and written as they come, so memory does not grow with them."""

import tracemalloc
from decimal import Decimal

import pytest

from projets.enums import Decision, EtatDossier, StatutSeance, TypeInstance
from projets.factories import DossierFactory, SeanceFactory, fake_siret
from projets.models import DecisionLigne, Financeur, LigneFinancement
from projets.opendata import CHUNK

pytestmark = pytest.mark.django_db


def attributions(nombre: int, debut: int = 0) -> None:
    """One published dossier granted by `nombre` financeurs, in bulk (the factories would take minutes)."""
    seance = SeanceFactory(comite__type=TypeInstance.COPIL, statut=StatutSeance.CLOSE)
    dossier = DossierFactory(campagne=seance.campagne, etat=EtatDossier.RETENU, publie=True, numero=None)
    financeurs = Financeur.objects.bulk_create(
        Financeur(nom=f"Commune n° {debut + rang}", siret=fake_siret()) for rang in range(nombre)
    )
    lignes = LigneFinancement.objects.bulk_create(
        LigneFinancement(dossier=dossier, financeur=f, nature="droit_commun", montant_vote=Decimal("1234.50"))
        for f in financeurs
    )
    DecisionLigne.objects.bulk_create(
        DecisionLigne(seance=seance, ligne=ligne, decision=Decision.ACCORDE, montant_vote=ligne.montant_vote)
        for ligne in lignes
    )


def pic_memoire(client) -> tuple[int, int]:
    """(rows, peak bytes allocated) while a client downloads the whole CSV."""
    tracemalloc.start()
    response = client.get("/donnees/subventions.csv")
    lignes = sum(chunk.count(b"\n") for chunk in response.streaming_content) - 1
    _, pic = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return lignes, pic


def test_four_times_more_rows_do_not_take_more_memory(client):
    attributions(CHUNK)  # one full chunk, then four
    pic_memoire(client)  # once for the imports and caches of a first request
    petit, pic_petit = pic_memoire(client)
    attributions(3 * CHUNK, debut=CHUNK)
    grand, pic_grand = pic_memoire(client)
    assert (petit, grand) == (CHUNK, 4 * CHUNK)
    assert pic_grand < 1.5 * pic_petit, f"{pic_petit} octets pour {petit} lignes, {pic_grand} pour {grand}"
