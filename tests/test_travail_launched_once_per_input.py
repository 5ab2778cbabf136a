"""The same document's input never runs twice at once, and once done gives the same file without rendering."""

import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from unittest import mock

import pytest
from django.db import connection

from projets.enums import StatutTravail, TypeTravail
from projets.models import LigneFinancement, Travail
from projets.services import travaux
from projets.services.travaux import travail_lancer
from tests.helpers.copil_clos import copil_clos

pytestmark = pytest.mark.django_db


def _lancer(copil, par):
    return travail_lancer(type=TypeTravail.PROGRAMMATION, campagne=copil.campagne, par=par)


def test_a_second_launch_of_the_same_input_joins_the_queued_job(instructeur, django_capture_on_commit_callbacks):
    copil = copil_clos()
    with django_capture_on_commit_callbacks() as taches:  # not run: the job stays queued
        premier = _lancer(copil, instructeur)
        second = _lancer(copil, instructeur)

    assert second.pk == premier.pk
    assert Travail.objects.count() == 1
    assert len(taches) == 1


def test_a_launch_racing_another_one_joins_it_through_the_unique_constraint(instructeur):
    copil = copil_clos()
    with mock.patch("projets.tasks.generer_document.delay"):
        autre = _lancer(copil, instructeur)
    vraie_recherche = travaux.travail_existant
    premiere = [True]

    def recherche(**kwargs):
        if premiere.pop() if premiere else False:
            return None  # the other job was not there yet when this launch first looked
        return vraie_recherche(**kwargs)

    with mock.patch("projets.services.travaux.travail_existant", side_effect=recherche) as espion:
        travail = _lancer(copil, instructeur)

    assert travail.pk == autre.pk  # the insert hit the constraint, the second look found the other job
    assert espion.call_count == 2
    assert Travail.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_launches_create_one_job(instructeur):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises the writers: the race needs PostgreSQL")
    copil = copil_clos()
    barriere = threading.Barrier(2)

    def lancer(_):
        barriere.wait()  # both read the input and look for a job at the same moment
        try:
            return _lancer(copil, instructeur)
        finally:
            connection.close()

    with mock.patch("projets.tasks.generer_document.delay") as delay:
        with ThreadPoolExecutor(max_workers=2) as pool:
            premier, second = pool.map(lancer, range(2))

    assert premier.pk == second.pk
    assert Travail.objects.count() == 1
    assert delay.call_count == 1


def test_the_same_input_after_success_gives_the_same_file_without_rendering(
    instructeur, django_capture_on_commit_callbacks
):
    copil = copil_clos()
    with django_capture_on_commit_callbacks(execute=True):
        premier = _lancer(copil, instructeur)
    premier.refresh_from_db()
    assert premier.statut == StatutTravail.REUSSI

    with (
        mock.patch("projets.services.travaux.programmation_pdf") as rendu,
        django_capture_on_commit_callbacks(execute=True) as taches,
    ):
        second = _lancer(copil, instructeur)

    assert (second.pk, second.fichier.name) == (premier.pk, premier.fichier.name)
    rendu.assert_not_called()
    assert taches == []


def test_changed_data_or_a_lost_file_give_a_new_job(instructeur, django_capture_on_commit_callbacks):
    copil = copil_clos()
    with django_capture_on_commit_callbacks(execute=True):
        premier = _lancer(copil, instructeur)
    LigneFinancement.objects.filter(dossier=copil.dossiers["retenu"]).update(montant_vote=Decimal("8000"))
    with django_capture_on_commit_callbacks(execute=True):
        apres_modification = _lancer(copil, instructeur)
    apres_modification.refresh_from_db()
    apres_modification.fichier.storage.delete(apres_modification.fichier.name)
    with django_capture_on_commit_callbacks(execute=True):
        apres_perte = _lancer(copil, instructeur)

    assert len({premier.pk, apres_modification.pk, apres_perte.pk}) == 3
    assert apres_modification.empreinte != premier.empreinte
    assert Travail.objects.filter(statut=StatutTravail.REUSSI).count() == 3
