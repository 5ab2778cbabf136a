"""The structure's standing documents: one current version per type, reused by every dossier until replaced."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from projets.enums import TypeDocument
from projets.factories import PDF_MINIMAL, DocumentPorteurFactory, PorteurFactory, PorteurMembreFactory
from projets.models import DocumentPorteur
from projets.selectors import documents_courants
from tests.helpers.queries import assert_constant_queries

pytestmark = pytest.mark.django_db

ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 120


@pytest.fixture
def porteur(porteur_a):
    return porteur_a.porteurs.get()


def page_url(porteur):
    return f"/espace-porteur/structures/{porteur.pk}/documents/"


def envoi(type_document="statuts", date="15/06/2024", nom="statuts.pdf", contenu=PDF_MINIMAL, **extra):
    return {"type": type_document, "date_document": date, "fichier": SimpleUploadedFile(nom, contenu), **extra}


def test_members_see_each_type_with_its_current_document_its_date_and_a_download_link(client, porteur_a, porteur):
    statuts = DocumentPorteurFactory(porteur=porteur, date_document=datetime.date(2019, 3, 12), nom_original="s.pdf")
    client.force_login(porteur_a)
    response = client.get(page_url(porteur))
    content = response.content.decode()
    assert response.status_code == 200
    assert content.count("<h1") == 1 and ">Documents en vigueur de l&#x27;Association A</caption>" in content
    for type_document in TypeDocument:
        assert f'<th scope="row">{type_document.label}' in content.replace("&#x27;", "'")
    assert "12/03/2019" in content
    assert f'href="/espace-porteur/documents/{statuts.pk}/telecharger/">s.pdf</a>' in content
    assert content.count("Pas encore déposé") == len(TypeDocument) - 1
    assert 'name="fichier"' in content and 'enctype="multipart/form-data"' in content


def test_any_member_may_upload_a_document_not_only_gestionnaires(client, porteur):
    membre = PorteurMembreFactory(porteur=porteur, est_gestionnaire=False).user
    client.force_login(membre)
    response = client.post(page_url(porteur), envoi(date="15/06/2024", nom="Statuts signés.pdf"))
    assert response.status_code == 302 and response.url == page_url(porteur)
    document = DocumentPorteur.objects.get(porteur=porteur)
    assert (document.type, document.date_document) == ("statuts", datetime.date(2024, 6, 15))  # typed the French way
    assert (document.nom_original, document.type_mime, document.depose_par) == (
        "Statuts signés.pdf",
        "application/pdf",
        membre,
    )
    with document.fichier.open("rb") as stored:
        assert stored.read() == PDF_MINIMAL
    assert "Document enregistré : Statuts du 15/06/2024" in client.get(page_url(porteur)).content.decode()


def test_replacing_a_document_keeps_the_previous_version(client, porteur_a, porteur):
    client.force_login(porteur_a)
    client.post(page_url(porteur), envoi(date="12/03/2019", nom="statuts-2019.pdf"))
    client.post(page_url(porteur), envoi(date="15/06/2024", nom="statuts-2024.pdf"))
    ancien, nouveau = DocumentPorteur.objects.filter(porteur=porteur).order_by("pk")
    assert ancien.fichier.storage.exists(ancien.fichier.name)
    assert documents_courants(porteur=porteur)[TypeDocument.STATUTS] == nouveau
    content = client.get(page_url(porteur)).content.decode()
    courant, precedentes = (
        re.search(r"<tr>\s*<th scope=\"row\">Statuts.*?</tr>", content, re.S).group(0).split("<details>")
    )
    assert "15/06/2024" in courant and "statuts-2024.pdf" in courant and "statuts-2019" not in courant
    assert f"/espace-porteur/documents/{ancien.pk}/telecharger/" in precedentes and "12/03/2019" in precedentes


def test_documents_courants_returns_the_newest_of_each_type_in_one_query(django_assert_num_queries, porteur):
    maintenant = timezone.now()
    versions = [
        DocumentPorteurFactory(porteur=porteur, type=TypeDocument.STATUTS, depose_le=maintenant) for _ in range(3)
    ]
    for age, document in enumerate(reversed(versions)):  # the last created is the newest
        DocumentPorteur.objects.filter(pk=document.pk).update(depose_le=maintenant - datetime.timedelta(days=age))
    rib = DocumentPorteurFactory(porteur=porteur, type=TypeDocument.RIB)
    DocumentPorteurFactory(porteur=PorteurFactory(), type=TypeDocument.LISTE_DIRIGEANTS)  # someone else's

    with django_assert_num_queries(1):
        courants = documents_courants(porteur=porteur)

    assert list(courants) == list(TypeDocument)
    assert courants[TypeDocument.STATUTS] == versions[-1] and courants["rib"] == rib
    assert courants[TypeDocument.LISTE_DIRIGEANTS] is None and courants[TypeDocument.COMPTES_APPROUVES] is None


def test_of_two_versions_deposited_at_the_same_instant_the_later_one_is_current(porteur):
    instant = timezone.now()
    premier, second = DocumentPorteurFactory.create_batch(2, porteur=porteur)
    DocumentPorteur.objects.filter(porteur=porteur).update(depose_le=instant)
    assert documents_courants(porteur=porteur)[TypeDocument.STATUTS] == second != premier


def test_a_refused_file_is_explained_next_to_the_field_and_the_other_inputs_are_kept(
    client, porteur_a, porteur, private_media
):
    client.force_login(porteur_a)
    response = client.post(page_url(porteur), envoi(type_document="rib", date="15/06/2024", contenu=ELF))
    content = response.content.decode().replace("&#x27;", "'")
    assert response.status_code == 200
    erreur = re.search(r'id="error_1_id_fichier"[^>]*>(.*?)</', content, re.S)
    assert erreur and "Le fichier « statuts.pdf » n'est pas un PDF : c'est un programme" in erreur.group(1)
    assert '<option value="rib" selected>' in content and 'value="15/06/2024"' in content
    assert not DocumentPorteur.objects.exists()
    assert not private_media.exists() or not any(p.is_file() for p in private_media.rglob("*"))


def test_a_date_in_the_future_is_refused(client, porteur_a, porteur):
    client.force_login(porteur_a)
    demain = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = client.post(page_url(porteur), envoi(date=demain))
    assert "ne peut pas être dans le futur" in response.content.decode()
    assert not DocumentPorteur.objects.exists()


def test_another_porteur_gets_404_on_the_documents_page_and_cannot_upload(client, porteur_b, porteur, instructeur):
    for user in (porteur_b, instructeur):  # staff read documents from the dossiers, they do not replace them
        client.force_login(user)
        assert client.get(page_url(porteur)).status_code == 404
        assert client.post(page_url(porteur), envoi()).status_code == 404
    assert not DocumentPorteur.objects.exists()


def test_the_way_back_to_the_dossier_is_kept_and_only_to_this_site(client, porteur_a, porteur):
    client.force_login(porteur_a)
    retour = "/espace-porteur/dossiers/12/pieces/"
    content = client.get(page_url(porteur), {"next": retour}).content.decode()
    assert f'<a href="{retour}">← Revenir au dossier</a>' in content
    response = client.post(f"{page_url(porteur)}?next={retour}", envoi())
    assert response.url == f"{page_url(porteur)}?next=%2Fespace-porteur%2Fdossiers%2F12%2Fpieces%2F"
    for ailleurs in ("https://pirate.example/", "//pirate.example/", "javascript:alert(1)"):
        assert "Revenir au dossier" not in client.get(page_url(porteur), {"next": ailleurs}).content.decode()


def test_the_replace_link_preselects_the_type_in_the_form(client, porteur_a, porteur):
    client.force_login(porteur_a)
    content = client.get(page_url(porteur), {"type": "comptes_approuves"}).content.decode()
    assert '<option value="comptes_approuves" selected>' in content


def test_the_page_makes_the_same_number_of_queries_whatever_the_number_of_versions(client, porteur_a, porteur):
    client.force_login(porteur_a)
    assert_constant_queries(
        lambda: client.get(page_url(porteur)),
        lambda: DocumentPorteurFactory(porteur=porteur, type=TypeDocument.RIB),
    )


def test_the_porteur_space_links_to_the_documents_of_each_structure(client, porteur_a, porteur):
    client.force_login(porteur_a)
    content = client.get("/espace-porteur/").content.decode()
    assert f'href="{page_url(porteur)}">Documents de la structure' in content
