"""Saving an amount that takes a financeur's proposals over its enveloppe warns the staff, in words."""

from decimal import Decimal

import pytest
from django.contrib import messages
from django.contrib.messages import get_messages

from contratville.formatting import format_euros
from projets.factories import EnveloppeFactory, FinanceurFactory, dossier_depose
from projets.models import LigneFinancement

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier():
    """État has a 6 000 € enveloppe, of which another dossier of the campagne already takes 3 000 €."""
    dossier = dossier_depose()
    autre = dossier_depose(campagne=dossier.campagne)
    LigneFinancement.objects.filter(dossier=autre, financeur__nom="État").update(montant_propose=Decimal("3000"))
    EnveloppeFactory(campagne=dossier.campagne, financeur=FinanceurFactory(nom="État"), montant=Decimal("6000"))
    return dossier


def poster(client, dossier, financeur, montant, **kwargs):
    ligne = dossier.lignes_financement.get(financeur__nom=financeur)
    prefix = f"ligne-{ligne.pk}"
    data = {"avis": "favorable", "montant_propose": montant, "commentaire": "", "version": ligne.version}
    return client.post(
        f"/instruction/dossiers/{dossier.pk}/lignes/{ligne.pk}/avis/",
        {f"{prefix}-{key}": value for key, value in data.items()},
        **kwargs,
    )


def avertissements(response):
    return [str(m) for m in get_messages(response.wsgi_request) if m.level == messages.WARNING]


def test_going_over_the_enveloppe_warns_after_saving(client, instructeur, dossier):
    client.force_login(instructeur)
    response = poster(client, dossier, "État", "4 000", follow=True)
    assert dossier.lignes_financement.get(financeur__nom="État").montant_propose == Decimal("4000")  # saved anyway
    page = response.content.decode()
    assert "alert-warning" in page
    assert (
        "Attention, enveloppe dépassée : les montants proposés pour État dans cette campagne totalisent "
        f"{format_euros(Decimal('7000'))} pour une enveloppe de {format_euros(Decimal('6000'))} "
        f"(dépassement de {format_euros(Decimal('1000'))})." in page
    )
    assert "Avis de l&#x27;État enregistré." in page


def test_no_warning_while_the_enveloppe_holds(client, instructeur, dossier):
    client.force_login(instructeur)
    response = poster(client, dossier, "État", "3 000")
    assert response.status_code == 302
    assert avertissements(response) == []


def test_no_warning_for_a_financeur_without_enveloppe(client, instructeur, dossier):
    client.force_login(instructeur)
    response = poster(client, dossier, "Ville", "7 500")
    assert response.status_code == 302
    assert avertissements(response) == []


def test_lowering_an_amount_that_still_exceeds_keeps_warning(client, instructeur, dossier):
    client.force_login(instructeur)
    poster(client, dossier, "État", "5 000", follow=True)  # reads the first warning
    response = poster(client, dossier, "État", "3 500")
    assert avertissements(response) == [
        "Attention, enveloppe dépassée : les montants proposés pour État dans cette campagne totalisent "
        f"{format_euros(Decimal('6500'))} pour une enveloppe de {format_euros(Decimal('6000'))} "
        f"(dépassement de {format_euros(Decimal('500'))})."
    ]
