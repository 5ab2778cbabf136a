"""The porteur's « Reconduire » button starts next year's dossier from last year's bilan, not its forecast."""

from decimal import Decimal

import pytest

from projets.factories import CampagneFactory
from projets.models import Dossier
from tests.helpers.suivi import bilan_depose, dossier_en_cours

pytestmark = pytest.mark.django_db


def test_the_renewal_button_is_prefilled_from_the_filed_bilan(client, membre_copil, instructeur, porteur_a):
    dossier = dossier_en_cours(membre_copil=membre_copil, instructeur=instructeur, porteuse=porteur_a)
    bilan_depose(dossier=dossier, porteuse=porteur_a)
    CampagneFactory(contrat=dossier.campagne.contrat, annee=dossier.campagne.annee + 1)
    client.force_login(porteur_a)

    response = client.post(f"/espace-porteur/dossiers/{dossier.pk}/reconduire/")

    nouveau = Dossier.objects.get(reconduit_de=dossier)
    assert response.status_code == 302
    assert nouveau.public_nombre == 45  # the people reached, not the forecast
    assert nouveau.lieux == "Médiathèque Maurice-Genevoix"
    assert nouveau.lignes_budget.get(compte="64").montant == Decimal("9400.00")
