"""The jobs in the admin: read-only, a progress bar that refreshes itself (static script, no inline code), the
download link once done, the reason of a failure; launched from a POST by the COPIL."""

import pytest
from django.urls import reverse

from projets.enums import StatutTravail, TypeTravail
from projets.factories import TravailFactory
from projets.models import Travail
from tests.helpers.copil_clos import copil_clos

pytestmark = pytest.mark.django_db


def test_a_running_job_page_polls_its_status_with_the_static_script(client, membre_copil):
    travail = TravailFactory(statut=StatutTravail.EN_COURS, progression=35, etape="Mise en page")
    client.force_login(membre_copil)

    page = client.get(reverse("admin:projets_travail_change", args=[travail.pk])).content.decode()

    assert f'data-travail-statut="{reverse("travail_statut", args=[travail.pk])}" data-actif="1"' in page
    assert '<progress max="100" value="35"' in page and "En cours – Mise en page (35 %)" in page
    assert "js/travail.js" in page
    assert 'name="_save"' not in page and 'name="statut"' not in page  # read-only: nothing to save


def test_a_failed_job_shows_its_reason_and_a_finished_one_its_download(client, membre_copil):
    echec = TravailFactory(statut=StatutTravail.ECHOUE, erreur="Tentative 4 : la base de données n'a pas répondu")
    client.force_login(membre_copil)
    page = client.get(reverse("admin:projets_travail_change", args=[echec.pk])).content.decode()
    assert "la base de données n&#x27;a pas répondu" in page and 'data-actif="0"' in page

    liste = client.get(reverse("admin:projets_travail_changelist")).content.decode()
    assert "Échoué" in liste


def test_the_copil_launches_the_programmation_and_lands_on_its_page(
    client, membre_copil, django_capture_on_commit_callbacks
):
    copil = copil_clos()
    client.force_login(membre_copil)
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post(
            reverse("travail_lancer"), {"type": TypeTravail.PROGRAMMATION, "campagne": copil.campagne.pk}
        )

    travail = Travail.objects.get()
    assert reponse["Location"] == reverse("admin:projets_travail_change", args=[travail.pk])
    page = client.get(reponse["Location"]).content.decode()
    assert "Télécharger programmation-2031.pdf" in page and reverse("travail_telecharger", args=[travail.pk]) in page


def test_letters_are_refused_before_the_seance_is_closed(client, membre_copil):
    copil = copil_clos()
    copil.seance.statut = "preparation"
    copil.seance.save()
    client.force_login(membre_copil)

    lancer = {"type": TypeTravail.LETTRES, "seance": copil.seance.pk}
    reponse = client.post(reverse("travail_lancer"), {**lancer, "retour": "/admin/projets/seance/"})
    ailleurs = client.post(reverse("travail_lancer"), {**lancer, "retour": "https://exemple.org/"})

    assert not Travail.objects.exists()
    assert reponse["Location"] == "/admin/projets/seance/"
    assert ailleurs["Location"] == reverse("admin:projets_travail_changelist")  # never off-site
    assert "closez d&#x27;abord la séance" in client.get(ailleurs["Location"]).content.decode()


def test_a_porteur_cannot_launch_a_job(client, porteur_a):
    copil = copil_clos()
    client.force_login(porteur_a)
    reponse = client.post(
        reverse("travail_lancer"), {"type": TypeTravail.PROGRAMMATION, "campagne": copil.campagne.pk}
    )
    assert reponse.status_code == 403 and not Travail.objects.exists()
