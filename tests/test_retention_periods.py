"""Retention: drafts of long-closed calls, old messages and the draw lists go after their period, the rest
stays; the public page shows the same periods as the command applies."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from conseil_citoyen.enums import Reponse
from conseil_citoyen.factories import PersonneTireeFactory, TirageAuSortFactory
from projets.enums import EtatDossier
from projets.factories import CampagneFactory, DossierFactory, MessageFactory
from projets.models import Dossier, Message

pytestmark = pytest.mark.django_db


def il_y_a(**duree):
    return timezone.now() - datetime.timedelta(**duree)


def test_what_is_past_its_period_goes_and_nothing_else(settings):
    settings.CONSERVATION_BROUILLONS_JOURS = 365
    ancienne = CampagneFactory(date_ouverture=il_y_a(days=500), date_cloture=il_y_a(days=400))
    brouillon_ancien = DossierFactory(campagne=ancienne, etat=EtatDossier.BROUILLON)
    depose_ancien = DossierFactory(campagne=ancienne, etat=EtatDossier.DEPOSE)
    brouillon_recent = DossierFactory(etat=EtatDossier.BROUILLON)
    vieux = MessageFactory()
    Message.objects.filter(pk=vieux.pk).update(envoye_le=il_y_a(days=6 * 365))
    recent = MessageFactory()
    tirage = TirageAuSortFactory(effectue_le=il_y_a(days=91), graine="g")
    PersonneTireeFactory.create_batch(3, tirage=tirage)
    PersonneTireeFactory(tirage=tirage, rang=1, reponse=Reponse.REFUSE)

    sortie = io.StringIO()
    call_command("appliquer_durees_de_conservation", stdout=sortie)

    assert not Dossier.objects.filter(pk=brouillon_ancien.pk).exists()
    assert Dossier.objects.filter(pk__in=[depose_ancien.pk, brouillon_recent.pk]).count() == 2
    assert list(Message.objects.values_list("pk", flat=True)) == [recent.pk]
    assert tirage.personnes.count() == 1
    assert "personnes des listes : 3 supprimé(s)" in sortie.getvalue()


def test_the_public_page_shows_the_periods_applied(client, settings):
    settings.CONSERVATION_MESSAGES_JOURS = 1234
    page = client.get(reverse("donnees_personnelles")).content.decode()
    assert "1234 jours" in page and "Listes des bailleurs" in page
