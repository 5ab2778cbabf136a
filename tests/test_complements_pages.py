"""The compléments round trip in pages: the porteur sees the request, edits only the reopened steps, sends the
dossier back; the staff page shows what changed."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format

from projets.enums import EtatDossier
from projets.factories import DemandeComplementsFactory, dossier_depose
from projets.selectors_complements import complements_du_dossier, demandes_complements_du_porteur
from projets.services.instruction import complements_demander
from tests.helpers.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def en_complements(porteur, instructeur, elements=("action",)):
    dossier = dossier_depose(porteur=porteur.porteurs.get())
    demande = complements_demander(
        dossier=dossier,
        by=instructeur,
        elements=list(elements),
        message="Précisez les objectifs : combien de femmes accompagnées vers l'emploi ?",
        date_limite=timezone.localdate() + datetime.timedelta(days=10),
    )
    dossier.refresh_from_db()
    return dossier, demande


def etape(dossier, slug):
    return reverse("dossier_etape", args=[dossier.pk, slug])


def page_complements(dossier):
    return reverse("dossier_complements", args=[dossier.pk])


def textes(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_the_porteur_space_shows_the_pending_request(client, porteur_a, instructeur):
    dossier, demande = en_complements(porteur_a, instructeur, ["action", "budget"])
    client.force_login(porteur_a)
    page = client.get(reverse("espace_porteur")).content.decode().replace("&#x27;", "'")
    assert "Compléments demandés" in page
    assert "combien de femmes accompagnées vers l'emploi ?" in page
    assert "L'action (description, objectifs, dates, moyens)" in page and "Budget prévisionnel et financements" in page
    assert f"à compléter avant le {date_format(demande.date_limite, 'j F Y')}" in page
    assert "Date limite dépassée" not in page
    assert page_complements(dossier) in page


def test_an_overdue_request_is_flagged(client, porteur_a, instructeur):
    dossier, demande = en_complements(porteur_a, instructeur)
    type(demande).objects.filter(pk=demande.pk).update(date_limite=timezone.localdate() - datetime.timedelta(days=1))
    client.force_login(porteur_a)
    assert "Date limite dépassée" in client.get(reverse("espace_porteur")).content.decode()
    assert "La date limite est dépassée" in client.get(etape(dossier, "action")).content.decode()


def test_a_step_not_reopened_sends_back_to_the_request_with_a_french_message(client, porteur_a, instructeur):
    dossier, _ = en_complements(porteur_a, instructeur)
    client.force_login(porteur_a)
    response = client.post(etape(dossier, "public"), {"public_cible": "Tout le monde"})
    assert response.status_code == 302 and response.url == page_complements(dossier)
    assert textes(response) == [
        "L'étape « Public et territoire » ne fait pas partie des compléments demandés : elle reste telle que vous "
        "l'avez déposée. Vous pouvez modifier : « L'action »."
    ]
    dossier.refresh_from_db()
    assert dossier.public_cible == "Habitantes et habitants du quartier"


def test_the_reopened_step_is_edited_and_the_last_one_leads_back_to_the_request(client, porteur_a, instructeur):
    dossier, _ = en_complements(porteur_a, instructeur)
    client.force_login(porteur_a)
    page = client.get(etape(dossier, "action")).content.decode()
    assert "Voir la demande et renvoyer le dossier complété" in page
    assert page.count("non rouverte") == 6 and f'href="{etape(dossier, "public")}"' not in page
    assert "Enregistrer et revenir à la demande" in page
    data = {"intitule": dossier.intitule, "objectifs": "30 femmes accompagnées vers l'emploi.", "continuer": "1"}
    data.update({name: getattr(dossier, name) for name in ("description", "evaluation")})
    data.update(date_debut="01/01/2031", date_fin="31/12/2031")
    response = client.post(etape(dossier, "action"), data)
    assert response.status_code == 302 and response.url == page_complements(dossier)
    dossier.refresh_from_db()
    assert dossier.objectifs == "30 femmes accompagnées vers l'emploi."


def test_step_pages_without_neighbours_and_the_attestation_render_in_compléments(client, porteur_a, instructeur):
    dossier, _ = en_complements(porteur_a, instructeur, ["budget", "pieces"])
    client.force_login(porteur_a)
    pieces = client.get(etape(dossier, "pieces")).content.decode()
    assert f'href="{etape(dossier, "budget")}"' in pieces and f'href="{etape(dossier, "attestation")}"' in pieces
    attestation = client.get(etape(dossier, "attestation")).content.decode()
    assert "Revenir à la demande de compléments" in attestation and "Déposer le dossier</button>" not in attestation
    dossier, _ = en_complements(porteur_a, instructeur, ["pieces"])
    pieces = client.get(etape(dossier, "pieces")).content.decode()
    assert "Revenir à la demande de compléments" in pieces


def test_the_dossier_is_sent_back_from_the_request_page(client, porteur_a, instructeur):
    dossier, demande = en_complements(porteur_a, instructeur)
    client.force_login(porteur_a)
    page = client.get(page_complements(dossier)).content.decode()
    assert "Étapes rouvertes" in page and "Renvoyer le dossier complété" in page
    response = client.post(page_complements(dossier))
    assert response.status_code == 302 and response.url == reverse("espace_porteur")
    assert "Votre dossier complété est renvoyé au service politique de la ville (dépôt n° 2)." in textes(response)[0]
    dossier.refresh_from_db()
    demande.refresh_from_db()
    assert dossier.etat == EtatDossier.EN_INSTRUCTION and demande.depot_reponse.version == 2
    response = client.get(page_complements(dossier))
    assert response.status_code == 302 and response.url == reverse("espace_porteur")


def test_an_incomplete_dossier_stays_with_the_reasons_shown(client, porteur_a, instructeur):
    dossier, _ = en_complements(porteur_a, instructeur)
    type(dossier).objects.filter(pk=dossier.pk).update(objectifs="")
    client.force_login(porteur_a)
    response = client.post(page_complements(dossier))
    page = response.content.decode().replace("&#x27;", "'")
    assert response.status_code == 200
    assert "Le dossier n'a pas été renvoyé" in page and "Indiquez les objectifs de l'action." in page
    dossier.refresh_from_db()
    assert dossier.etat == EtatDossier.COMPLEMENTS_DEMANDES


def test_another_structure_cannot_see_nor_send_the_dossier(client, porteur_a, porteur_b, instructeur):
    dossier, _ = en_complements(porteur_a, instructeur)
    client.force_login(porteur_b)
    assert client.get(page_complements(dossier)).status_code == 404
    assert client.post(page_complements(dossier)).status_code == 404


def test_the_staff_page_shows_the_request_then_what_changed(client, porteur_a, instructeur):
    dossier, _ = en_complements(porteur_a, instructeur)
    client.force_login(instructeur)
    staff = reverse("instruction_dossier", args=[dossier.pk])
    assert "en attente de la structure" in client.get(staff).content.decode()

    client.force_login(porteur_a)
    type(dossier).objects.filter(pk=dossier.pk).update(objectifs="Lever les freins à l'emploi et à la mobilité.")
    client.post(page_complements(dossier))
    client.force_login(instructeur)
    page = client.get(staff).content.decode().replace("&#x27;", "'")
    assert "complétée" in page and "Avant (dépôt n° 1)" in page and "Après (dépôt n° 2)" in page
    assert '<th scope="row" class="fw-normal">Objectifs de l\'action</th>' in page
    assert (
        '<del class="bg-danger-subtle text-danger-emphasis"><span class="visually-hidden">[début du retrait] </span>'
        'des femmes du quartier.<span class="visually-hidden"> [fin du retrait]</span></del>'
    ) in page
    assert (
        '<ins class="bg-success-subtle text-success-emphasis">'
        '<span class="visually-hidden">[début de l\'ajout] </span>'
        'et à la mobilité.<span class="visually-hidden"> [fin de l\'ajout]</span></ins>'
    ) in page


def test_the_requests_are_read_in_one_query_however_many(porteur_a, instructeur):
    dossier, _ = en_complements(porteur_a, instructeur)
    depot = dossier.depots.get()

    def grow():
        DemandeComplementsFactory(dossier=dossier, depot_avant=depot, depot_reponse=depot, repondue_le=timezone.now())

    assert assert_constant_queries(lambda: complements_du_dossier(dossier=dossier), grow) == 1
    assert assert_constant_queries(lambda: demandes_complements_du_porteur(user=porteur_a), grow) == 1
