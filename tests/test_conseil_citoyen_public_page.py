"""The public page of the conseil: names only with consent, avis only on published dossiers, FPH decisions and
balance; residents ask the FPH with a simple form that keeps what they typed when something is wrong."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from conseil_citoyen.factories import (
    ConseilCitoyenFactory,
    DemandeFPHFactory,
    FondsParticipationFactory,
    MembreFactory,
    ReunionFactory,
)
from conseil_citoyen.models import AvisConseilCitoyen, DemandeFPH
from projets.enums import EtatDossier
from projets.factories import DossierFactory

pytestmark = pytest.mark.django_db


def test_public_page_shows_only_what_may_be_published(client):
    conseil = ConseilCitoyenFactory()
    MembreFactory(conseil=conseil, prenom="Awa", nom="Diallo", publication_consentie=True)
    MembreFactory(conseil=conseil, prenom="Marc", nom="Secret", publication_consentie=False)
    reunion = ReunionFactory(conseil=conseil)
    publie = DossierFactory(
        campagne__contrat=conseil.contrat, etat=EtatDossier.RETENU, publie=True, intitule="Jardin partagé"
    )
    en_cours = DossierFactory(
        campagne__contrat=conseil.contrat, etat=EtatDossier.EN_INSTRUCTION, intitule="Projet confidentiel"
    )
    for dossier in (publie, en_cours):
        AvisConseilCitoyen.objects.create(
            dossier=dossier, reunion=reunion, avis="favorable", texte="Très utile.", rendu_le=reunion.date
        )
    fonds = FondsParticipationFactory(conseil=conseil, annee=timezone.localdate().year, montant=Decimal("2000"))
    DemandeFPHFactory(
        fonds=fonds, titre="Repas de quartier", statut="accordee", montant_accorde=Decimal("500"), reunion=reunion
    )
    DemandeFPHFactory(fonds=fonds, titre="Demande en attente")

    page = client.get(reverse("conseil_citoyen", args=[conseil.pk])).content.decode()

    assert "Awa Diallo" in page and "Secret" not in page
    assert "Jardin partagé" in page and "Projet confidentiel" not in page
    assert "Repas de quartier" in page and "Demande en attente" not in page
    assert "1\u00a0500,00\u00a0€" in page  # balance


def test_residents_ask_the_fph_and_errors_keep_their_input(client):
    conseil = ConseilCitoyenFactory()
    FondsParticipationFactory(conseil=conseil, annee=timezone.localdate().year)
    url = reverse("demande_fph", args=[conseil.pk])
    saisie = {
        "titre": "Tournoi de foot",
        "description": "Un tournoi inter-immeubles.",
        "porteurs": "Samir et Léa",
        "email": "pas-une-adresse",
        "montant_demande": "300",
    }

    page = client.post(url, saisie).content.decode()
    assert "Cette adresse n&#x27;est pas valide." in page or "Cette adresse n'est pas valide." in page
    assert "Tournoi de foot" in page and not DemandeFPH.objects.exists()

    reponse = client.post(url, saisie | {"email": "samir@exemple.fr", "montant_demande": "1 200,50"})
    assert reponse.status_code == 302
    assert DemandeFPH.objects.get().montant_demande == Decimal("1200.50")


def test_no_fund_no_form(client):
    conseil = ConseilCitoyenFactory()
    FondsParticipationFactory(conseil=conseil, annee=datetime.date.today().year - 1)
    page = client.get(reverse("demande_fph", args=[conseil.pk])).content.decode()
    assert "Le fonds n'est pas ouvert cette année" in page
