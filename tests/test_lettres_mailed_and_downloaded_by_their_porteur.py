"""The letters job: one letter per porteur, mailed with the PDF attached, downloaded from the porteur's space by
its own members only."""

import io
import zipfile

import pytest
from django.urls import reverse

from projets.enums import StatutTravail, TypeTravail
from projets.factories import PorteurMembreFactory
from projets.models import Porteur
from projets.services.travaux import travail_lancer
from tests.helpers.copil_clos import copil_clos
from tests.helpers.pdf import pdf_texte

pytestmark = pytest.mark.django_db


@pytest.fixture
def copil(porteur_a, porteur_b):
    return copil_clos(
        porteur_a=Porteur.objects.get(membres__user=porteur_a), porteur_b=Porteur.objects.get(membres__user=porteur_b)
    )


@pytest.fixture
def lettres(copil, membre_copil, django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        travail = travail_lancer(type=TypeTravail.LETTRES, seance=copil.seance, par=membre_copil)
    travail.refresh_from_db()
    return travail


def test_the_job_stores_one_letter_per_porteur(lettres, copil):
    assert lettres.statut == StatutTravail.REUSSI
    with lettres.fichier.open("rb") as fichier, zipfile.ZipFile(io.BytesIO(fichier.read())) as archive:
        noms = sorted(archive.namelist())
        pdf_a = archive.read(f"lettre-{copil.porteurs['a'].pk}.pdf")
    assert noms == sorted(f"lettre-{porteur.pk}.pdf" for porteur in copil.porteurs.values())
    assert "CV-2031-0001" in pdf_texte(pdf_a, "lettre-zip-a", images=False)


def test_each_porteur_is_mailed_its_own_letter_attached(lettres, mailoutbox):
    assert len(mailoutbox) == 2
    message_a = next(m for m in mailoutbox if "porteuse.a@exemple.fr" in m.to)
    message_b = next(m for m in mailoutbox if "porteur.b@exemple.fr" in m.to)
    assert "porteur.b@exemple.fr" not in message_a.to and "porteuse.a@exemple.fr" not in message_b.to
    assert message_a.subject == "Décision du comité de pilotage du 12/03/2031 sur vos dossiers"
    (nom, contenu, type_mime) = message_a.attachments[0]
    assert type_mime == "application/pdf" and nom.endswith(".pdf")
    texte = pdf_texte(contenu, "lettre-mail-a", images=False)
    assert "Association A" in texte and "Jardin" not in texte


def test_the_porteur_downloads_its_letter_from_its_space(lettres, copil, client, porteur_a):
    client.force_login(porteur_a)
    espace = client.get(reverse("espace_porteur"))
    url = reverse("lettre_decision_telecharger", args=[copil.dossiers["retenu"].pk])
    assert url in espace.content.decode()

    reponse = client.get(url)

    assert reponse.status_code == 200
    assert reponse["Content-Type"] == "application/pdf"
    assert reponse["Cache-Control"] == "private, no-store"
    assert "CV-2031-0001" in pdf_texte(reponse.content, "lettre-espace-a", images=False)


def test_porteur_b_cannot_download_porteur_a_letter(lettres, copil, client, porteur_b):
    client.force_login(porteur_b)
    url_a = reverse("lettre_decision_telecharger", args=[copil.dossiers["retenu"].pk])

    assert client.get(url_a).status_code == 404
    assert url_a not in client.get(reverse("espace_porteur")).content.decode()
    assert client.get(reverse("lettre_decision_telecharger", args=[copil.dossiers["refuse"].pk])).status_code == 200


def test_no_letter_link_before_the_letters_are_generated(copil, client, porteur_a):
    client.force_login(porteur_a)
    url = reverse("lettre_decision_telecharger", args=[copil.dossiers["retenu"].pk])

    assert url not in client.get(reverse("espace_porteur")).content.decode()
    assert client.get(url).status_code == 404


def test_a_member_added_later_to_the_porteur_also_gets_the_link(lettres, copil, client):
    collegue = PorteurMembreFactory(porteur=copil.porteurs["a"], est_gestionnaire=False).user
    client.force_login(collegue)
    assert (
        reverse("lettre_decision_telecharger", args=[copil.dossiers["deux_axes"].pk])
        in client.get(reverse("espace_porteur")).content.decode()
    )
