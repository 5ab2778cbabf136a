"""The staff screen of an action after its convention: started, carried out, cancelled, with the real dates; bad
input in French next to the field, what was typed kept; the COPIL reads it, only the service changes it."""

from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from projets.enums import EtatDossier
from suivi.models import SuiviAction, Versement
from suivi.services.conventions import convention_create, convention_sign
from tests.helpers.suivi import dossier_vote

pytestmark = pytest.mark.django_db


@pytest.fixture
def conventionne(membre_copil, instructeur):
    dossier = dossier_vote(membre_copil=membre_copil)
    convention = convention_create(dossiers=[dossier], by=instructeur)
    convention_sign(convention=convention, date_signature=timezone.localdate(), by=instructeur)
    dossier.refresh_from_db()
    assert dossier.etat == EtatDossier.CONVENTIONNE
    return dossier


def _poster(client, dossier, operation, **champs):
    donnees = {"operation": operation} | {f"{operation}-{nom}": valeur for nom, valeur in champs.items()}
    return client.post(reverse("suivi_action", args=[dossier.pk]), donnees)


def _texte(reponse) -> str:
    assert reponse.status_code == 200
    return unescape(reponse.content.decode())


def test_the_service_starts_then_finishes_the_action(client, instructeur, conventionne):
    client.force_login(instructeur)
    assert "À venir" in _texte(client.get(reverse("suivi_action", args=[conventionne.pk])))
    texte = _texte(_poster(client, conventionne, "terminer", fin="20/03/2031"))
    assert "indiquez d'abord le début de l'action" in texte and 'value="20/03/2031"' in texte
    assert _poster(client, conventionne, "demarrer", debut="05/01/2031").status_code == 302
    conventionne.refresh_from_db()
    assert conventionne.etat == EtatDossier.EN_COURS
    texte = _texte(_poster(client, conventionne, "terminer", fin="01/01/2031"))
    assert "La fin de l'action ne peut pas précéder son début." in texte
    assert _poster(client, conventionne, "terminer", fin="20/12/2031").status_code == 302
    conventionne.refresh_from_db()
    suivi = SuiviAction.objects.get(dossier=conventionne)
    assert conventionne.etat == EtatDossier.REALISE
    assert (suivi.debut_reel.isoformat(), suivi.fin_reelle.isoformat()) == ("2031-01-05", "2031-12-20")
    assert "Réalisé" in _texte(client.get(reverse("suivi_action", args=[conventionne.pk])))


def test_a_bad_date_is_shown_next_to_the_field_and_kept(client, instructeur, conventionne):
    client.force_login(instructeur)
    texte = _texte(_poster(client, conventionne, "demarrer", debut="32/01/2031"))
    assert "Saisissez une date au format jj/mm/aaaa" in texte and 'value="32/01/2031"' in texte
    assert not SuiviAction.objects.filter(dossier=conventionne).exists()


def test_a_cancellation_needs_a_motive_and_closes_the_suivi(client, instructeur, conventionne):
    client.force_login(instructeur)
    aujourdhui = timezone.localdate().strftime("%d/%m/%Y")
    texte = _texte(_poster(client, conventionne, "annuler", le=aujourdhui, motif=""))
    assert "Indiquez pourquoi l'action est annulée." in texte and f'value="{aujourdhui}"' in texte
    assert Versement.objects.filter(ligne__dossier=conventionne).exists()
    assert _poster(client, conventionne, "annuler", le=aujourdhui, motif="Local fermé.").status_code == 302
    assert SuiviAction.objects.get(dossier=conventionne).motif_annulation == "Local fermé."
    assert not Versement.objects.filter(ligne__dossier=conventionne, date_versement__isnull=True).exists()
    page = _texte(client.get(reverse("suivi_action", args=[conventionne.pk])))
    assert "Annulé" in page and "Annuler l'action" not in page
    texte = _texte(_poster(client, conventionne, "demarrer", debut="05/01/2031"))
    assert "son suivi est clos" in texte


def test_the_copil_reads_the_screen_but_cannot_change_it(client, membre_copil, porteur_a, conventionne):
    client.force_login(membre_copil)
    page = _texte(client.get(reverse("suivi_action", args=[conventionne.pk])))
    assert "Enregistrer le début" not in page
    assert _poster(client, conventionne, "demarrer", debut="05/01/2031").status_code == 403
    client.force_login(porteur_a)
    assert client.get(reverse("suivi_action", args=[conventionne.pk])).status_code == 403


def test_the_convention_page_links_to_the_action(client, instructeur, conventionne):
    client.force_login(instructeur)
    convention = conventionne.conventions.get()
    page = client.get(reverse("suivi_convention", args=[convention.pk])).content.decode()
    assert reverse("suivi_action", args=[conventionne.pk]) in page
