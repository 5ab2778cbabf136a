"""A job's progress text says its status and, only when it adds something, its step: « Terminé (100 %) », never
« Terminé – Terminé (100 %) » nor « En attente – en attente du worker »; the admin and the polled JSON agree."""

import pytest
from django.urls import reverse

from projets.enums import StatutTravail
from projets.factories import TravailFactory
from projets.selectors_travaux import libelle_progression

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("statut", "progression", "etape", "attendu"),
    [
        (StatutTravail.EN_ATTENTE, 0, "", "En attente du worker (0 %)"),
        (StatutTravail.EN_COURS, 35, "Mise en page", "En cours – Mise en page (35 %)"),
        (StatutTravail.EN_COURS, 5, "en cours", "En cours (5 %)"),
        (StatutTravail.REUSSI, 100, "Terminé", "Terminé (100 %)"),
        (StatutTravail.ECHOUE, 95, "Enregistrement du fichier", "Échoué – Enregistrement du fichier (95 %)"),
    ],
)
def test_the_progress_text_names_the_step_only_when_it_adds_to_the_status(statut, progression, etape, attendu):
    assert libelle_progression(TravailFactory(statut=statut, progression=progression, etape=etape)) == attendu


def test_a_finished_job_says_termine_once_in_the_admin_and_its_json(client, membre_copil):
    travail = TravailFactory(statut=StatutTravail.REUSSI, progression=100, etape="Terminé")
    client.force_login(membre_copil)
    page = client.get(reverse("admin:projets_travail_change", args=[travail.pk])).content.decode()
    assert "Terminé (100 %)" in page and "Terminé – Terminé" not in page
    assert client.get(reverse("travail_statut", args=[travail.pk])).json()["texte"] == "Terminé (100 %)"
