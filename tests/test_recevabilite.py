"""Recevabilité: the checklist, then recevable, compléments demandés (what, message, deadline) or irrecevable
with a motif mailed to the porteur. Bad input is explained next to the field and kept."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from projets.enums import EtatDossier
from projets.factories import dossier_depose
from projets.models import ControleRecevabilite

pytestmark = pytest.mark.django_db

CHECKLIST = {name: "on" for name in ControleRecevabilite.CRITERES}


@pytest.fixture
def dossier():
    return dossier_depose()


def url(dossier, action):
    return f"/instruction/dossiers/{dossier.pk}/{action}/"


def test_recevable_needs_every_criterion_checked(client, instructeur, dossier):
    client.force_login(instructeur)
    partial = {**CHECKLIST, "recevable": "1"}
    del partial["territoire_eligible"]
    response = client.post(url(dossier, "recevabilite"), partial)
    assert response.status_code == 200
    assert "territoire éligible" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.etat == EtatDossier.DEPOSE
    assert dossier.recevabilite.territoire_eligible is False  # the checklist itself is saved

    response = client.post(url(dossier, "recevabilite"), {**CHECKLIST, "recevable": "1"})
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.etat == EtatDossier.EN_INSTRUCTION


def test_irrecevable_needs_a_motif_which_is_mailed(client, instructeur, dossier, django_capture_on_commit_callbacks):
    client.force_login(instructeur)
    response = client.post(url(dossier, "irrecevable"), {"motif": "  "})
    assert "Indiquez le motif" in response.context["form_irrecevable"].errors["motif"][0]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(dossier, "irrecevable"), {"motif": "L'action ne touche pas les quartiers."})
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.etat == EtatDossier.IRRECEVABLE
    assert dossier.transitions.get(vers=EtatDossier.IRRECEVABLE).motif == "L'action ne touche pas les quartiers."
    (message,) = mail.outbox
    assert "irrecevable" in message.subject and "ne touche pas les quartiers" in message.body
    assert set(message.to) >= {m.user.email for m in dossier.porteur.membres.all()}


def test_complements_request_lists_what_is_missing_with_a_deadline(
    client, instructeur, dossier, django_capture_on_commit_callbacks
):
    client.force_login(instructeur)
    limite = timezone.localdate() + datetime.timedelta(days=10)
    data = {"elements": ["budget", "pieces"], "message": "Le budget ne mentionne pas la CAF.",
            "date_limite": limite.strftime("%d/%m/%Y")}  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url(dossier, "complements"), data).status_code == 302
    dossier.refresh_from_db()
    assert dossier.etat == EtatDossier.COMPLEMENTS_DEMANDES
    demande = dossier.demandes_complements.get()
    assert (demande.elements, demande.date_limite, demande.depot_avant) == (
        ["budget", "pieces"],
        limite,
        dossier.depots.get(),
    )
    (message,) = mail.outbox
    assert "Le budget ne mentionne pas la CAF." in message.body
    assert "Budget prévisionnel et financements demandés" in message.body and limite.strftime("%Y") in message.body


@pytest.mark.parametrize(
    "changes,champ,attendu",
    [
        ({"elements": []}, "elements", "Cochez au moins un élément"),
        ({"message": ""}, "message", "Écrivez à la structure"),
        ({"date_limite": "hier"}, "date_limite", "Saisissez une date"),
        ({"date_limite": "01/01/2020"}, "date_limite", "dans le futur"),
    ],
)
def test_complements_bad_input_is_explained_and_kept(client, instructeur, dossier, changes, champ, attendu):
    client.force_login(instructeur)
    data = {"elements": ["action"], "message": "Précisez les objectifs.", "date_limite": "01/01/2099", **changes}
    response = client.post(url(dossier, "complements"), data)
    assert response.status_code == 200
    form = response.context["form_complements"]
    assert attendu in " ".join(form.errors[champ])
    assert form["message"].value() == data["message"]
    dossier.refresh_from_db()
    assert dossier.etat == EtatDossier.DEPOSE and not dossier.demandes_complements.exists()
