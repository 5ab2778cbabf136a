"""Porteurs' files are stored out of the public media and served only to people allowed to see them."""

import pathlib
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from projets.enums import EtatDossier
from projets.factories import PDF_MINIMAL, DocumentPorteurFactory, DossierFactory, PieceJointeFactory
from projets.services.fichiers import document_porteur_add, piece_jointe_add
from projets.storage import private_storage

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(porteur_a):
    return DocumentPorteurFactory(porteur=porteur_a.porteurs.get(), nom_original="Statuts – révisés.pdf")


@pytest.fixture
def piece(porteur_a):
    """An attachment of a deposited dossier: the staff read nothing of a never-deposited draft."""
    dossier = DossierFactory(porteur=porteur_a.porteurs.get(), etat=EtatDossier.DEPOSE)
    return PieceJointeFactory(dossier=dossier, nom_original="devis.pdf")


def get(client, url):
    """GET and read a download, then close the file as the WSGI server does.

    Not `response.close()`: it sends `request_finished`, which closes the database connection of the test.
    """
    response = client.get(url)
    response.content_bytes = b"".join(response.streaming_content) if response.streaming else response.content
    if getattr(response, "file_to_stream", None):
        response.file_to_stream.close()
    return response


def urls(document, piece):
    return [f"/espace-porteur/documents/{document.pk}/telecharger/", f"/espace-porteur/pieces/{piece.pk}/telecharger/"]


def test_members_download_their_files_as_attachments_never_cached_nor_sniffed(
    client, settings, porteur_a, document, piece
):
    settings.SECURE_CONTENT_TYPE_NOSNIFF = False  # the downloads say it themselves, whatever the middleware does
    client.force_login(porteur_a)
    for url in urls(document, piece):
        response = get(client, url)
        assert response.status_code == 200, url
        assert response.content_bytes == PDF_MINIMAL
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment; ")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cache-Control"] == "private, no-store"


def test_accented_names_are_sent_in_rfc_5987_form_with_an_ascii_fallback(client, porteur_a, document):
    client.force_login(porteur_a)
    disposition = get(client, f"/espace-porteur/documents/{document.pk}/telecharger/")["Content-Disposition"]
    assert disposition == (
        "attachment; filename=\"Statuts _ revises.pdf\"; filename*=UTF-8''Statuts%20%E2%80%93%20r%C3%A9vis%C3%A9s.pdf"
    )


def test_another_porteur_gets_404_on_each_download(client, porteur_b, document, piece):
    client.force_login(porteur_b)
    for url in urls(document, piece):
        assert client.get(url).status_code == 404, url


def test_a_staff_instructeur_downloads_documents_and_attachments(client, instructeur, document, piece):
    client.force_login(instructeur)
    for url in urls(document, piece):
        assert get(client, url).status_code == 200, url


def test_the_conseil_citoyen_reads_dossiers_but_not_the_structures_documents(client, conseil_citoyen, document):
    client.force_login(conseil_citoyen)
    assert client.get(f"/espace-porteur/documents/{document.pk}/telecharger/").status_code == 404


def test_anonymous_visitors_are_sent_to_the_login_page(client, porteur_a, document, piece):
    porteur = porteur_a.porteurs.get()
    for url in [*urls(document, piece), f"/espace-porteur/structures/{porteur.pk}/documents/"]:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/compte/connexion/?next="), url
    ecritures = [
        f"/espace-porteur/dossiers/{piece.dossier_id}/pieces/ajouter/",
        f"/espace-porteur/pieces/{piece.pk}/supprimer/",
    ]
    for url in ecritures:
        response = client.post(url)
        assert response.status_code == 302 and response.url.startswith("/compte/connexion/?next="), url


def test_an_unknown_file_or_one_missing_on_disk_is_404(client, porteur_a, document):
    client.force_login(porteur_a)
    assert client.get("/espace-porteur/documents/999999/telecharger/").status_code == 404
    private_storage.delete(document.fichier.name)
    assert client.get(f"/espace-porteur/documents/{document.pk}/telecharger/").status_code == 404


def test_stored_files_are_under_the_private_root_with_a_random_name_and_no_url(settings, porteur_a):
    porteur = porteur_a.porteurs.get()
    stored = [
        document_porteur_add(
            porteur=porteur,
            type="statuts",
            date_document="2024-06-15",
            fichier=SimpleUploadedFile("Statuts signés.PDF", PDF_MINIMAL),
            by=porteur_a,
        ).fichier
        for _ in range(2)
    ]
    stored.append(
        piece_jointe_add(
            dossier=DossierFactory(porteur=porteur),
            libelle="Devis",
            fichier=SimpleUploadedFile("devis.pdf", PDF_MINIMAL),
            by=porteur_a,
        ).fichier
    )
    private_root = pathlib.Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    media_root = pathlib.Path(settings.MEDIA_ROOT).resolve()
    for fichier in stored:
        path = pathlib.Path(fichier.path).resolve()
        assert path.is_file() and path.is_relative_to(private_root) and not path.is_relative_to(media_root)
        assert re.fullmatch(r"(porteurs|dossiers)/\d+/[0-9a-f]{32}\.pdf", fichier.name), fichier.name
        with pytest.raises(ValueError):
            fichier.url  # noqa: B018 - no public URL at all
    assert stored[0].name != stored[1].name  # same uploaded name, two files
    assert not media_root.exists() or not any(media_root.rglob("*"))
