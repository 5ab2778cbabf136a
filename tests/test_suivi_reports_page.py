"""The reports page: staff launch a report and download it; the COPIL reads and downloads; nobody else gets in.
A wrong choice is said next to its field and launches nothing."""

import pytest
from django.urls import reverse

from projets.enums import StatutTravail
from suivi.enums import TypeRapport
from suivi.factories import RapportFactory
from suivi.models import Rapport
from tests.helpers.suivi_annee import ANNEE, annee_suivie

pytestmark = pytest.mark.django_db
URL = reverse("suivi_rapports")


@pytest.fixture
def annee():
    return annee_suivie()


def _telecharger(client, rapport):
    """GET and read the download, then close the file as the WSGI server does (not response.close(): it would
    close the test's database connection)."""
    response = client.get(reverse("suivi_rapport_telecharger", args=[rapport.pk]))
    response.contenu = b"".join(response.streaming_content) if response.streaming else response.content
    if getattr(response, "file_to_stream", None):
        response.file_to_stream.close()
    return response


def _produire(client, django_capture_on_commit_callbacks, **donnees):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(URL, {"type": "etat_annexe", "format": "xlsx", "annee": ANNEE} | donnees)


def test_the_instructor_launches_a_report_and_downloads_it(
    client, instructeur, annee, django_capture_on_commit_callbacks
):
    client.force_login(instructeur)
    assert "Produire un rapport" in client.get(URL).content.decode()

    response = _produire(client, django_capture_on_commit_callbacks)

    rapport = Rapport.objects.get()
    assert response.status_code == 302 and rapport.statut == StatutTravail.REUSSI
    assert rapport.demande_par == instructeur and rapport.contrat == annee.contrat
    fichier = _telecharger(client, rapport)
    assert (
        fichier.status_code == 200
        and fichier.contenu[:2] == b"PK"
        and fichier["Content-Type"].startswith("application/vnd.openxmlformats")
    )
    assert f"etat_annexe-{ANNEE}.xlsx" in fichier["Content-Disposition"]


def test_the_same_data_gives_the_same_file_without_a_new_job(
    client, instructeur, annee, django_capture_on_commit_callbacks
):
    client.force_login(instructeur)
    _produire(client, django_capture_on_commit_callbacks)
    response = _produire(client, django_capture_on_commit_callbacks)
    assert Rapport.objects.count() == 1
    assert "voici le rapport déjà produit" in client.get(response.url).content.decode()


def test_a_format_the_report_does_not_have_is_refused_next_to_the_field(client, instructeur, annee):
    client.force_login(instructeur)
    response = client.post(URL, {"type": "objectifs", "format": "csv", "annee": ANNEE})
    page = response.content.decode()
    assert response.status_code == 200 and not Rapport.objects.exists()
    assert (
        'id="erreur-format">« Tableau annuel des objectifs opérationnels » se produit en PDF ou Tableur (XLSX).'
        in page
    )
    assert '<option value="objectifs" selected>' in page  # what was chosen stays chosen


def test_a_year_without_campagne_is_refused_next_to_the_field(client, instructeur, annee):
    client.force_login(instructeur)
    response = client.post(URL, {"type": "etat_annexe", "format": "pdf", "annee": 1999})
    assert 'id="erreur-annee"' in response.content.decode() and not Rapport.objects.exists()


def test_the_copil_reads_and_downloads_but_cannot_launch(
    client, membre_copil, annee, django_capture_on_commit_callbacks
):
    rapport = RapportFactory(contrat=annee.contrat, statut=StatutTravail.REUSSI, fichier="rapports/x.pdf")
    client.force_login(membre_copil)
    page = client.get(URL).content.decode()
    assert "Produire un rapport" not in page and "Télécharger" in page
    assert _produire(client, django_capture_on_commit_callbacks).status_code == 403
    assert Rapport.objects.count() == 1
    assert _telecharger(client, rapport).status_code == 404  # listed, but its file is gone


@pytest.mark.parametrize("persona", ["porteur_a", "conseil_citoyen", "partenaire_cotech"])
def test_others_are_refused(client, request, persona, annee):
    rapport = RapportFactory(contrat=annee.contrat, statut=StatutTravail.REUSSI)
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"type": "etat_annexe", "format": "pdf", "annee": ANNEE}).status_code == 403
    assert client.get(reverse("suivi_rapport_telecharger", args=[rapport.pk])).status_code == 403


def test_anonymous_is_sent_to_the_login_page(client):
    assert client.get(URL).url.startswith(reverse("login"))


def test_a_report_not_ready_or_unknown_is_not_found(client, instructeur, annee):
    en_cours = RapportFactory(contrat=annee.contrat, type=TypeRapport.BILAN_ANNUEL, statut=StatutTravail.EN_COURS)
    client.force_login(instructeur)
    assert client.get(reverse("suivi_rapport_telecharger", args=[en_cours.pk])).status_code == 404
    assert client.get(reverse("suivi_rapport_telecharger", args=[999999])).status_code == 404
