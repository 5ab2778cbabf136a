"""Attachments of a dossier: added and removed by its porteur while drafting or when compléments are asked."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from projets.enums import EtatDossier
from projets.factories import PDF_MINIMAL, DemandeComplementsFactory, DossierFactory, PieceJointeFactory
from projets.models import PieceJointe
from projets.services.fichiers import piece_jointe_add, piece_jointe_delete

pytestmark = pytest.mark.django_db

PE = b"MZ\x90\x00" + b"\x00" * 120
ETAPE_PIECES = "/espace-porteur/dossiers/{}/pieces/"


@pytest.fixture
def dossier(porteur_a):
    return DossierFactory(porteur=porteur_a.porteurs.get())


def ajouter(client, dossier, *, libelle="Devis du prestataire", nom="devis.pdf", contenu=PDF_MINIMAL, **extra):
    return client.post(
        f"/espace-porteur/dossiers/{dossier.pk}/pieces/ajouter/",
        {"libelle": libelle, "fichier": SimpleUploadedFile(nom, contenu), **extra},
    )


def stored_files(private_media):
    return sorted(p for p in private_media.rglob("*") if p.is_file()) if private_media.exists() else []


@pytest.mark.parametrize("etat", [EtatDossier.BROUILLON, EtatDossier.COMPLEMENTS_DEMANDES])
def test_a_member_adds_a_piece_and_goes_back_to_the_page_it_came_from(client, porteur_a, dossier, etat):
    dossier.etat = etat
    dossier.save()
    if etat == EtatDossier.COMPLEMENTS_DEMANDES:  # only when the request reopens the pièces
        DemandeComplementsFactory(dossier=dossier, elements=["pieces"])
    client.force_login(porteur_a)
    response = ajouter(client, dossier, nom="Devis n°3.PDF", next=ETAPE_PIECES.format(dossier.pk))
    assert response.status_code == 302 and response.url == ETAPE_PIECES.format(dossier.pk)
    piece = PieceJointe.objects.get(dossier=dossier)
    assert (piece.libelle, piece.nom_original, piece.type_mime, piece.taille, piece.deposee_par) == (
        "Devis du prestataire",
        "Devis n°3.PDF",
        "application/pdf",
        len(PDF_MINIMAL),
        porteur_a,
    )
    assert re.fullmatch(rf"dossiers/{dossier.pk}/[0-9a-f]{{32}}\.pdf", piece.fichier.name)


@pytest.mark.parametrize("ailleurs", ["", "https://pirate.example/", "//pirate.example/x", "pieces", "javascript:x"])
def test_without_a_local_next_the_porteur_lands_in_the_porteur_space(client, porteur_a, dossier, ailleurs):
    client.force_login(porteur_a)
    assert ajouter(client, dossier, next=ailleurs).url == "/espace-porteur/"
    piece = PieceJointe.objects.get()
    response = client.post(f"/espace-porteur/pieces/{piece.pk}/supprimer/", {"next": ailleurs})
    assert response.url == "/espace-porteur/"


def test_the_stored_file_takes_the_detected_extension_not_the_uploaded_one(porteur_a, dossier):
    from tests.test_upload_validation import image

    piece = piece_jointe_add(
        dossier=dossier, libelle="Photo", fichier=SimpleUploadedFile("Photo.JPEG", image("JPEG")), by=porteur_a
    )
    assert piece.fichier.name.endswith(".jpg") and piece.nom_original == "Photo.JPEG"


def test_a_refused_file_is_shown_next_to_the_field_and_the_libelle_is_kept(client, porteur_a, dossier, private_media):
    client.force_login(porteur_a)
    response = ajouter(client, dossier, libelle="Lettre de soutien", nom="soutien.pdf", contenu=PE, next="/retour/")
    content = response.content.decode().replace("&#x27;", "'")
    assert response.status_code == 200 and content.count("<h1") == 1
    erreur = re.search(r'id="error_1_id_fichier"[^>]*>(.*?)</', content, re.S)
    assert erreur and "Le fichier « soutien.pdf » n'est pas un PDF : c'est un programme" in erreur.group(1)
    assert 'value="Lettre de soutien"' in content
    assert '<input type="hidden" name="next" value="/retour/">' in content
    assert f'action="/espace-porteur/dossiers/{dossier.pk}/pieces/ajouter/"' in content
    assert not PieceJointe.objects.exists() and not stored_files(private_media)


def test_a_missing_libelle_is_asked_for_next_to_its_field(client, porteur_a, dossier):
    client.force_login(porteur_a)
    content = ajouter(client, dossier, libelle="  ").content.decode()
    assert re.search(r'id="error_1_id_libelle"[^>]*>.*?Donnez un intitulé à la pièce', content, re.S)


@pytest.mark.parametrize(
    "etat", [EtatDossier.DEPOSE, EtatDossier.EN_INSTRUCTION, EtatDossier.INSTRUIT, EtatDossier.RETENU]
)
def test_once_submitted_pieces_can_be_neither_added_nor_deleted(client, porteur_a, dossier, etat):
    piece = PieceJointeFactory(dossier=dossier)
    dossier.etat = etat
    dossier.save()
    client.force_login(porteur_a)
    content = ajouter(client, dossier).content.decode()
    assert "ses pièces jointes ne peuvent plus être modifiées" in content.replace("&#x27;", "'")
    response = client.post(f"/espace-porteur/pieces/{piece.pk}/supprimer/", follow=True)
    assert "ses pièces jointes ne peuvent plus être modifiées" in response.content.decode().replace("&#x27;", "'")
    assert list(PieceJointe.objects.all()) == [piece]
    assert piece.fichier.storage.exists(piece.fichier.name)


def test_the_services_check_the_file_and_the_state_themselves(porteur_a, dossier, private_media):
    with pytest.raises(ValidationError, match="c'est un programme"):
        piece_jointe_add(dossier=dossier, libelle="Devis", fichier=SimpleUploadedFile("devis.pdf", PE), by=porteur_a)
    dossier.etat = EtatDossier.DEPOSE
    dossier.save()
    dossier.etat = EtatDossier.BROUILLON  # a stale copy: the service reads the state again
    with pytest.raises(ValidationError, match="Déposé"):
        piece_jointe_add(
            dossier=dossier, libelle="Devis", fichier=SimpleUploadedFile("devis.pdf", PDF_MINIMAL), by=porteur_a
        )
    assert not PieceJointe.objects.exists() and not stored_files(private_media)


def test_deleting_a_piece_removes_its_file_once_the_deletion_is_committed(
    client, porteur_a, dossier, django_capture_on_commit_callbacks
):
    piece = PieceJointeFactory(dossier=dossier)
    storage, name = piece.fichier.storage, piece.fichier.name
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        piece_jointe_delete(piece=piece, by=porteur_a)
    assert storage.exists(name) and not PieceJointe.objects.exists()  # not before the commit
    for callback in callbacks:
        callback()
    assert not storage.exists(name)


def test_a_member_deletes_a_piece_from_the_wizard_page(client, porteur_a, dossier, django_capture_on_commit_callbacks):
    piece = PieceJointeFactory(dossier=dossier, libelle="Ancien devis")
    client.force_login(porteur_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/espace-porteur/pieces/{piece.pk}/supprimer/", {"next": ETAPE_PIECES.format(dossier.pk)}
        )
    assert response.url == ETAPE_PIECES.format(dossier.pk)
    assert not PieceJointe.objects.exists() and not piece.fichier.storage.exists(piece.fichier.name)


def test_another_porteur_and_staff_get_404_on_add_and_delete(client, porteur_b, instructeur, dossier):
    piece = PieceJointeFactory(dossier=dossier)
    for user in (porteur_b, instructeur):
        client.force_login(user)
        assert ajouter(client, dossier).status_code == 404
        assert client.post(f"/espace-porteur/pieces/{piece.pk}/supprimer/").status_code == 404
    assert list(PieceJointe.objects.all()) == [piece]


def test_add_and_delete_accept_only_post(client, porteur_a, dossier):
    piece = PieceJointeFactory(dossier=dossier)
    client.force_login(porteur_a)
    assert client.get(f"/espace-porteur/dossiers/{dossier.pk}/pieces/ajouter/").status_code == 405
    assert client.get(f"/espace-porteur/pieces/{piece.pk}/supprimer/").status_code == 405
    assert PieceJointe.objects.filter(pk=piece.pk).exists()


def test_no_file_is_left_behind_when_the_row_cannot_be_written(porteur_a, dossier, private_media, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("base indisponible")

    monkeypatch.setattr(PieceJointe, "save", fail)
    with pytest.raises(RuntimeError):
        piece_jointe_add(
            dossier=dossier, libelle="Devis", fichier=SimpleUploadedFile("devis.pdf", PDF_MINIMAL), by=porteur_a
        )
    assert not stored_files(private_media)
