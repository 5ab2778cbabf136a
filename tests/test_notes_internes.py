"""Private notes of the instruction: written and read on the staff page, never shown to the porteur."""

import datetime
import re

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from comptes.factories import UserFactory
from projets.enums import ElementComplement
from projets.factories import NoteInterneFactory, dossier_depose
from projets.models import NoteInterne
from projets.services.echanges import message_instruction_send, note_interne_add
from projets.services.instruction import complements_demander

pytestmark = pytest.mark.django_db

SECRET = "Trésorerie fragile : vérifier le bilan 2024 avant le COTECH."


@pytest.fixture
def dossier(porteur_a):
    return dossier_depose(porteur=porteur_a.porteurs.get())


def page(response) -> str:
    assert response.status_code == 200
    return response.content.decode().replace("&#x27;", "'")


def test_the_instruction_adds_a_note_from_the_staff_page(client, dossier, instructeur):
    client.force_login(instructeur)
    response = client.post(reverse("instruction_note", args=[dossier.pk]), {"note-texte": f"  {SECRET}  "})
    assert response.status_code == 302 and response.url.endswith("#notes")
    note = NoteInterne.objects.get()
    assert (note.dossier, note.auteur, note.texte) == (dossier, instructeur, SECRET)
    content = page(client.get(reverse("instruction_dossier", args=[dossier.pk])))
    assert SECRET in content and str(instructeur) in content


def test_an_empty_note_gets_a_french_message_next_to_the_field(client, dossier, instructeur):
    client.force_login(instructeur)
    content = page(client.post(reverse("instruction_note", args=[dossier.pk]), {"note-texte": " "}))
    erreur = re.search(r'id="error_1_id_note-texte"[^>]*>(.*?)</', content, re.S)
    assert erreur and "Écrivez la note" in erreur.group(1)
    assert not NoteInterne.objects.exists()


def test_the_copil_reads_the_notes_but_does_not_write_them(client, dossier, membre_copil):
    NoteInterneFactory(dossier=dossier, texte=SECRET)
    with pytest.raises(PermissionDenied):
        note_interne_add(dossier=dossier, by=membre_copil, texte="Avis personnel")
    client.force_login(membre_copil)
    content = page(client.get(reverse("instruction_dossier", args=[dossier.pk])))
    assert SECRET in content and reverse("instruction_note", args=[dossier.pk]) not in content
    assert client.post(reverse("instruction_note", args=[dossier.pk]), {"note-texte": "x"}).status_code == 403


def test_staff_without_the_permission_to_view_notes_do_not_see_them(client, dossier):
    lecteur = UserFactory(is_staff=True)
    lecteur.user_permissions.add(Permission.objects.get(codename="view_dossier", content_type__app_label="projets"))
    NoteInterneFactory(dossier=dossier, texte=SECRET)
    client.force_login(lecteur)
    content = page(client.get(reverse("instruction_dossier", args=[dossier.pk])))
    assert SECRET not in content and "Notes internes</h2>" not in content


def test_a_porteur_cannot_write_a_note(client, dossier, porteur_a):
    with pytest.raises(PermissionDenied):
        note_interne_add(dossier=dossier, by=porteur_a, texte="Note")
    client.force_login(porteur_a)
    assert client.post(reverse("instruction_note", args=[dossier.pk]), {"note-texte": "Note"}).status_code == 403
    assert not NoteInterne.objects.exists()


def test_notes_never_reach_the_porteur(client, dossier, porteur_a, instructeur, django_capture_on_commit_callbacks):
    """Every porteur page of the dossier, and the mails the porteur receives, are free of the notes."""
    with django_capture_on_commit_callbacks(execute=True):
        note_interne_add(dossier=dossier, by=instructeur, texte=SECRET)
        message_instruction_send(dossier=dossier, by=instructeur, texte="Pouvez-vous préciser le public ?")
        complements_demander(
            dossier=dossier,
            by=instructeur,
            elements=[ElementComplement.BUDGET],
            message="Le budget ne s'équilibre pas.",
            date_limite=timezone.localdate() + datetime.timedelta(days=10),
        )
    assert len(mail.outbox) == 2 and not any(SECRET in m.body for m in mail.outbox)
    client.force_login(porteur_a)
    urls = [
        reverse("espace_porteur"),
        reverse("dossier_messages", args=[dossier.pk]),
        reverse("documents_porteur", args=[dossier.porteur_id]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        content = response.content.decode().replace("&#x27;", "'")
        assert SECRET not in content and "Notes internes" not in content, url
    assert "Pouvez-vous préciser le public ?" in page(client.get(reverse("dossier_messages", args=[dossier.pk])))
