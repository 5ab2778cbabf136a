"""A job that fails says why, in French, and ends failed after its last attempt."""

from unittest import mock

import pytest
from celery.exceptions import Retry

from projets.enums import StatutTravail, TypeTravail
from projets.factories import TravailFactory
from projets.models import Travail
from projets.services.travaux import travail_executer, travail_lancer
from projets.tasks import generer_document
from tests.helpers.copil_clos import copil_clos

pytestmark = pytest.mark.django_db


def test_a_rendering_that_keeps_failing_ends_failed_with_its_reason(instructeur, django_capture_on_commit_callbacks):
    copil = copil_clos()
    casse = mock.Mock(side_effect=ValueError("police introuvable"))
    with mock.patch("projets.services.travaux.programmation_pdf", casse):
        with pytest.raises(Retry), django_capture_on_commit_callbacks(execute=True):
            travail_lancer(type=TypeTravail.PROGRAMMATION, campagne=copil.campagne, par=instructeur)
        travail = Travail.objects.get()
        assert travail.statut == StatutTravail.EN_ATTENTE  # waiting for its retry, the reason already shown
        assert travail.erreur.startswith("Tentative 1 : erreur inattendue pendant la mise en page")
        # The worker would run the retries after their backoff; run them here.
        for retries in (1, 2):
            with pytest.raises(Retry):
                generer_document.apply(args=[travail.pk], retries=retries)
        with pytest.raises(ValueError):
            generer_document.apply(args=[travail.pk], retries=3)

    travail.refresh_from_db()
    assert travail.statut == StatutTravail.ECHOUE
    assert travail.tentatives == 4 == casse.call_count  # the first attempt and three retries
    assert travail.erreur == (
        "Tentative 4 : erreur inattendue pendant la mise en page – ValueError : police introuvable"
    )
    assert travail.fin is not None and not travail.fichier


def test_an_attempt_failing_before_the_last_waits_for_the_retry_with_its_reason():
    copil = copil_clos()
    travail = TravailFactory(type=TypeTravail.PROGRAMMATION, campagne=copil.campagne)
    disque_plein = OSError(28, "No space left on device")
    with mock.patch("projets.services.travaux.ecrire_fichier", side_effect=disque_plein), pytest.raises(OSError):
        travail_executer(travail=travail, dernier_essai=False)

    travail.refresh_from_db()
    assert travail.statut == StatutTravail.EN_ATTENTE  # still active: a new launch of the same input joins it
    assert travail.erreur.startswith("Tentative 1 : le fichier n'a pas pu être écrit (disque plein")
    assert "No space left on device" in travail.erreur


def test_a_new_launch_after_a_failure_starts_again(instructeur, django_capture_on_commit_callbacks):
    copil = copil_clos()
    echec = TravailFactory(type=TypeTravail.PROGRAMMATION, campagne=copil.campagne, statut=StatutTravail.ECHOUE)
    with django_capture_on_commit_callbacks(execute=True):
        travail = travail_lancer(type=TypeTravail.PROGRAMMATION, campagne=copil.campagne, par=instructeur)

    travail.refresh_from_db()
    assert travail.pk != echec.pk
    assert travail.statut == StatutTravail.REUSSI
