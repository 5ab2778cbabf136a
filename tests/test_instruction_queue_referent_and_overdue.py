"""The queue filters by référent (dossier or financeur line, or none) and by overdue dossiers."""

import datetime

import pytest
from django.utils import timezone

from comptes.factories import UserFactory
from comptes.roles import Role
from projets.enums import EtatDossier
from projets.factories import CampagneFactory, DossierFactory, LigneFinancementFactory
from projets.models import DemandeComplements

pytestmark = pytest.mark.django_db


def listed(client, campagne, query):
    page = client.get(f"/instruction/campagnes/{campagne.pk}/{query}").context["page"]
    return {d.intitule for d in page}


def test_filter_by_referent_of_the_dossier_or_of_a_line(client, instructeur):
    campagne = CampagneFactory()
    collegue = UserFactory(is_staff=True, roles=[Role.INSTRUCTEUR])
    DossierFactory(campagne=campagne, intitule="Suivi par moi", etat=EtatDossier.DEPOSE, referent=instructeur)
    ligne = LigneFinancementFactory(dossier__campagne=campagne, dossier__intitule="Ligne à moi")
    ligne.dossier.etat = EtatDossier.DEPOSE
    ligne.dossier.referent = collegue
    ligne.dossier.save()
    ligne.referent = instructeur
    ligne.save()
    DossierFactory(campagne=campagne, intitule="Personne", etat=EtatDossier.DEPOSE)
    client.force_login(instructeur)
    assert listed(client, campagne, f"?instructeur={instructeur.pk}") == {"Suivi par moi", "Ligne à moi"}
    assert listed(client, campagne, f"?instructeur={collegue.pk}") == {"Ligne à moi"}
    assert listed(client, campagne, "?instructeur=null") == {"Personne"}


def test_overdue_means_complements_past_deadline_or_past_the_end_of_instruction(client, instructeur):
    today = timezone.localdate()
    campagne = CampagneFactory(date_limite_instruction=today + datetime.timedelta(days=10))
    echu = DossierFactory(campagne=campagne, intitule="Compléments échus", etat=EtatDossier.COMPLEMENTS_DEMANDES)
    a_temps = DossierFactory(campagne=campagne, intitule="Compléments à temps", etat=EtatDossier.COMPLEMENTS_DEMANDES)
    for dossier, jours in ((echu, -1), (a_temps, 3)):
        DemandeComplements.objects.create(
            dossier=dossier,
            elements=["action"],
            message="Précisez les objectifs.",
            date_limite=today + datetime.timedelta(days=jours),
            demandee_par=instructeur,
            demandee_le=timezone.now(),
        )
    DossierFactory(campagne=campagne, intitule="En instruction", etat=EtatDossier.EN_INSTRUCTION)
    client.force_login(instructeur)
    assert listed(client, campagne, "?en_retard=true") == {"Compléments échus"}
    assert listed(client, campagne, "?en_retard=false") == {"Compléments à temps", "En instruction"}

    campagne.date_limite_instruction = today - datetime.timedelta(days=1)
    campagne.save()
    assert listed(client, campagne, "?en_retard=true") == {
        "Compléments échus",
        "Compléments à temps",
        "En instruction",
    }
    assert "en retard" in client.get(f"/instruction/campagnes/{campagne.pk}/").content.decode()
