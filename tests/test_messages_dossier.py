"""The message thread of a submitted dossier: the instruction writes from the staff page, the porteur answers from
its space; each message is mailed to the other side; attachments are checked and served to readers only."""

import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from comptes.factories import UserFactory
from comptes.roles import Role
from projets.factories import PDF_MINIMAL, DossierFactory, PieceMessageFactory, dossier_depose
from projets.models import Message, PieceMessage
from projets.services.echanges import message_instruction_send, message_porteur_send
from projets.services.notifications import destinataires_porteur

pytestmark = pytest.mark.django_db

PE = b"MZ\x90\x00" + b"\x00" * 120


@pytest.fixture
def dossier(porteur_a):
    return dossier_depose(porteur=porteur_a.porteurs.get())


def page(response) -> str:
    return response.content.decode().replace("&#x27;", "'")


def erreur_du_champ(content: str, champ: str) -> str:
    trouvee = re.search(rf'id="error_1_id_{champ}"[^>]*>(.*?)</', content, re.S)
    assert trouvee, f"pas d'erreur à côté du champ {champ}"
    return trouvee.group(1)


# --- Services and mails -------------------------------------------------------------------------------------


def test_a_message_of_the_instruction_is_mailed_to_the_porteur(
    dossier, instructeur, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message = message_instruction_send(dossier=dossier, by=instructeur, texte="  Merci de préciser le budget.  ")
    assert (message.de_l_instruction, message.texte, message.auteur) == (
        True,
        "Merci de préciser le budget.",
        instructeur,
    )
    assert len(mail.outbox) == 1
    envoye = mail.outbox[0]
    assert envoye.to == destinataires_porteur(dossier) and "porteuse.a@exemple.fr" in envoye.to
    assert dossier.numero in envoye.subject
    assert "Merci de préciser le budget." in envoye.body


def test_an_answer_of_the_porteur_is_mailed_to_the_referent(
    dossier, porteur_a, instructeur, django_capture_on_commit_callbacks
):
    UserFactory(email="autre.instructrice@ville.example", is_staff=True, roles=[Role.INSTRUCTEUR])
    dossier.referent = instructeur
    dossier.save()
    with django_capture_on_commit_callbacks(execute=True):
        message = message_porteur_send(dossier=dossier, by=porteur_a, texte="Voici le budget corrigé.")
    assert message.de_l_instruction is False
    assert [m.to for m in mail.outbox] == [["instructrice@ville.example"]]
    assert "Association A" in mail.outbox[0].subject and "Voici le budget corrigé." in mail.outbox[0].body


def test_without_referent_the_answer_goes_to_every_active_instructeur(
    dossier, porteur_a, instructeur, membre_copil, django_capture_on_commit_callbacks
):
    UserFactory(email="inactive@ville.example", is_staff=True, is_active=False, roles=[Role.INSTRUCTEUR])
    UserFactory(email="second@ville.example", is_staff=True, roles=[Role.INSTRUCTEUR])
    with django_capture_on_commit_callbacks(execute=True):
        message_porteur_send(dossier=dossier, by=porteur_a, texte="Bonjour")
    assert mail.outbox[0].to == ["instructrice@ville.example", "second@ville.example"]


def test_an_inactive_referent_is_replaced_by_the_instructeurs(
    dossier, porteur_a, instructeur, django_capture_on_commit_callbacks
):
    dossier.referent = UserFactory(email="partie@ville.example", is_staff=True, is_active=False)
    dossier.save()
    with django_capture_on_commit_callbacks(execute=True):
        message_porteur_send(dossier=dossier, by=porteur_a, texte="Bonjour")
    assert mail.outbox[0].to == ["instructrice@ville.example"]


def test_nothing_is_mailed_when_the_message_is_refused(dossier, porteur_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        message_porteur_send(dossier=dossier, by=porteur_a, texte="Bonjour", fichier=SimpleUploadedFile("a.pdf", PE))
    assert mail.outbox == [] and not Message.objects.exists()


def test_only_those_who_instruct_write_for_the_instruction(dossier, membre_copil, conseil_citoyen, porteur_a):
    for user in (membre_copil, conseil_citoyen, porteur_a):
        with pytest.raises(PermissionDenied):
            message_instruction_send(dossier=dossier, by=user, texte="Bonjour")
    assert not Message.objects.exists()


def test_only_members_of_the_porteur_answer(dossier, porteur_b, instructeur):
    for user in (porteur_b, instructeur):
        with pytest.raises(PermissionDenied):
            message_porteur_send(dossier=dossier, by=user, texte="Bonjour")


def test_no_message_on_a_draft(porteur_a, instructeur):
    brouillon = DossierFactory(porteur=porteur_a.porteurs.get())
    with pytest.raises(ValidationError):
        message_porteur_send(dossier=brouillon, by=porteur_a, texte="Bonjour")
    with pytest.raises(ValidationError):
        message_instruction_send(dossier=brouillon, by=instructeur, texte="Bonjour")


def test_an_empty_message_is_refused_in_french(dossier, porteur_a):
    with pytest.raises(ValidationError) as refus:
        message_porteur_send(dossier=dossier, by=porteur_a, texte="   ")
    assert refus.value.message_dict == {"texte": ["Écrivez votre message : il ne peut pas être vide."]}


# --- Staff page ---------------------------------------------------------------------------------------------


def test_the_instruction_writes_with_an_attachment_from_the_staff_page(client, dossier, instructeur, private_media):
    client.force_login(instructeur)
    response = client.post(
        reverse("instruction_message", args=[dossier.pk]),
        {"message-texte": "Le devis est-il signé ?", "message-fichier": SimpleUploadedFile("Devis.pdf", PDF_MINIMAL)},
    )
    assert response.status_code == 302 and response.url.endswith("#messages")
    piece = PieceMessage.objects.select_related("message").get()
    assert (piece.message.texte, piece.message.de_l_instruction, piece.nom_original) == (
        "Le devis est-il signé ?",
        True,
        "Devis.pdf",
    )
    assert re.fullmatch(rf"dossiers/{dossier.pk}/messages/[0-9a-f]{{32}}\.pdf", piece.fichier.name)
    content = page(client.get(reverse("instruction_dossier", args=[dossier.pk])))
    assert "Le devis est-il signé ?" in content
    assert reverse("piece_message_telecharger", args=[piece.pk]) in content


def test_a_bad_attachment_on_the_staff_page_is_shown_next_to_the_field_and_the_text_kept(
    client, dossier, instructeur, private_media
):
    client.force_login(instructeur)
    response = client.post(
        reverse("instruction_message", args=[dossier.pk]),
        {"message-texte": "Texte à garder", "message-fichier": SimpleUploadedFile("budget.pdf", PE)},
    )
    content = page(response)
    assert response.status_code == 200
    assert "n'est pas un PDF : c'est un programme" in erreur_du_champ(content, "message-fichier")
    assert re.search(r'id="id_message-texte">\s*Texte à garder</textarea>', content)
    assert not Message.objects.exists() and not (private_media / f"dossiers/{dossier.pk}/messages").exists()


def test_an_empty_message_on_the_staff_page_gets_a_french_message_next_to_the_field(client, dossier, instructeur):
    client.force_login(instructeur)
    response = client.post(reverse("instruction_message", args=[dossier.pk]), {"message-texte": ""})
    assert response.status_code == 200
    assert "Écrivez votre message" in erreur_du_champ(page(response), "message-texte")


def test_a_porteur_cannot_post_on_the_staff_side(client, dossier, porteur_a):
    client.force_login(porteur_a)
    response = client.post(reverse("instruction_message", args=[dossier.pk]), {"message-texte": "Bonjour"})
    assert response.status_code == 403 and not Message.objects.exists()


def test_the_copil_reads_the_thread_but_has_no_form(client, dossier, membre_copil, instructeur):
    message_instruction_send(dossier=dossier, by=instructeur, texte="Question sur le public")
    client.force_login(membre_copil)
    content = page(client.get(reverse("instruction_dossier", args=[dossier.pk])))
    assert "Question sur le public" in content
    assert reverse("instruction_message", args=[dossier.pk]) not in content


# --- Porteur space ------------------------------------------------------------------------------------------


def test_the_porteur_space_links_to_the_messages_of_submitted_dossiers_only(client, dossier, porteur_a):
    brouillon = DossierFactory(porteur=dossier.porteur)
    client.force_login(porteur_a)
    content = page(client.get(reverse("espace_porteur")))
    assert reverse("dossier_messages", args=[dossier.pk]) in content
    assert reverse("dossier_messages", args=[brouillon.pk]) not in content


def test_the_porteur_reads_and_answers(client, dossier, porteur_a, instructeur, django_capture_on_commit_callbacks):
    message_instruction_send(dossier=dossier, by=instructeur, texte="Pouvez-vous joindre le devis ?")
    client.force_login(porteur_a)
    url = reverse("dossier_messages", args=[dossier.pk])
    content = page(client.get(url))
    assert "Pouvez-vous joindre le devis ?" in content and "Service politique de la ville" in content
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"message-texte": "Le voici.", "message-fichier": SimpleUploadedFile("devis.pdf", PDF_MINIMAL)}
        )
    assert response.status_code == 302 and response.url == f"{url}#repondre"
    reponse = Message.objects.get(de_l_instruction=False)
    assert (reponse.texte, reponse.auteur, reponse.pieces.get().nom_original) == ("Le voici.", porteur_a, "devis.pdf")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["instructrice@ville.example"]
    assert "Le voici." in page(client.get(url))


def test_a_bad_attachment_of_the_porteur_is_shown_next_to_the_field_and_the_text_kept(client, dossier, porteur_a):
    client.force_login(porteur_a)
    response = client.post(
        reverse("dossier_messages", args=[dossier.pk]),
        {"message-texte": "Ma réponse détaillée", "message-fichier": SimpleUploadedFile("rib.pdf", PE)},
    )
    content = page(response)
    assert response.status_code == 200 and content.count("<h1") == 1
    assert "Le fichier « rib.pdf » n'est pas un PDF" in erreur_du_champ(content, "message-fichier")
    assert re.search(r'id="id_message-texte">\s*Ma réponse détaillée</textarea>', content)
    assert not Message.objects.exists()


@pytest.mark.parametrize("persona", ["porteur_b", "instructeur", "conseil_citoyen"])
def test_the_messages_page_of_the_porteur_is_for_its_members_only(client, dossier, persona, request):
    client.force_login(request.getfixturevalue(persona))
    url = reverse("dossier_messages", args=[dossier.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"message-texte": "Intrusion"}).status_code == 404
    assert not Message.objects.exists()


def test_a_draft_has_no_messages_page(client, porteur_a):
    brouillon = DossierFactory(porteur=porteur_a.porteurs.get())
    client.force_login(porteur_a)
    assert client.get(reverse("dossier_messages", args=[brouillon.pk])).status_code == 404


def test_the_messages_page_asks_anonymous_visitors_to_log_in(client, dossier):
    response = client.get(reverse("dossier_messages", args=[dossier.pk]))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


# --- Attachments --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("porteur_a", 200),
        ("instructeur", 200),
        ("membre_copil", 200),
        ("porteur_b", 404),
        ("conseil_citoyen", 404),
        ("partenaire_cotech", 404),  # not invited to this campagne
    ],
)
def test_attachments_are_served_to_those_who_may_read_the_dossier(client, dossier, persona, status, request):
    piece = PieceMessageFactory(message__dossier=dossier, nom_original="Budget révisé.pdf")
    client.force_login(request.getfixturevalue(persona))
    response = client.get(reverse("piece_message_telecharger", args=[piece.pk]))
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content) == PDF_MINIMAL
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["X-Content-Type-Options"] == "nosniff"


def test_an_invited_partner_downloads_attachments_of_the_campagne(client, dossier, partenaire_cotech):
    dossier.campagne.partenaires_invites.add(partenaire_cotech)
    piece = PieceMessageFactory(message__dossier=dossier)
    client.force_login(partenaire_cotech)
    response = client.get(reverse("piece_message_telecharger", args=[piece.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF_MINIMAL


def test_anonymous_visitors_are_asked_to_log_in_before_a_download(client, dossier):
    piece = PieceMessageFactory(message__dossier=dossier)
    response = client.get(reverse("piece_message_telecharger", args=[piece.pk]))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
