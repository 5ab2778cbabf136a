from decimal import Decimal

import pytest

from enjeux.factories import QuartierFactory
from projets.enums import EtatDossier
from projets.factories import (
    CampagneFactory,
    LigneFinancementFactory,
    PieceJointeFactory,
    dossier_pret_a_deposer,
)
from projets.models import Dossier
from projets.services.dossiers import dossier_renew

pytestmark = pytest.mark.django_db


@pytest.fixture
def ancien():
    dossier = dossier_pret_a_deposer(etat=EtatDossier.RETENU, numero="CV-2030-0007", publie=True)
    ligne = dossier.lignes_financement.first()
    ligne.montant_propose, ligne.montant_vote = Decimal("7000"), Decimal("6500")
    ligne.save()
    QuartierFactory(contrat=dossier.campagne.contrat, actif=False, nom="Ancien quartier").dossiers.add(dossier)
    PieceJointeFactory(dossier=dossier)
    return dossier


def test_renewal_copies_the_action_the_public_the_budget_and_the_financeurs(ancien):
    campagne = CampagneFactory(contrat=ancien.campagne.contrat, annee=ancien.campagne.annee + 1)
    nouveau = dossier_renew(source=ancien, campagne=campagne)
    assert nouveau.reconduit_de == ancien and nouveau.porteur == ancien.porteur
    for name in ("intitule", "description", "objectifs", "public_cible", "public_nombre", "evaluation"):
        assert getattr(nouveau, name) == getattr(ancien, name)
    assert set(nouveau.axes.all()) == set(ancien.axes.all())
    assert set(nouveau.quartiers.values_list("nom", flat=True)) == set(
        ancien.quartiers.filter(actif=True).values_list("nom", flat=True)
    )
    assert {(b.compte, b.montant) for b in nouveau.lignes_budget.all()} == {
        (b.compte, b.montant) for b in ancien.lignes_budget.all()
    }
    assert {(f.financeur_id, f.montant_demande) for f in nouveau.lignes_financement.all()} == {
        (f.financeur_id, f.montant_demande) for f in ancien.lignes_financement.all()
    }
    assert nouveau.reponses_egalite.count() == 5
    assert nouveau.date_debut.year == ancien.date_debut.year + 1


def test_renewal_copies_nothing_decided_or_specific_to_last_year(ancien):
    campagne = CampagneFactory(contrat=ancien.campagne.contrat, annee=ancien.campagne.annee + 1)
    nouveau = dossier_renew(source=ancien, campagne=campagne)
    assert nouveau.etat == EtatDossier.BROUILLON and nouveau.numero is None and not nouveau.publie
    assert not nouveau.lignes_financement.exclude(montant_propose=None).exists()
    assert not nouveau.lignes_financement.exclude(montant_vote=None).exists()
    assert not nouveau.pieces_jointes.exists() and not nouveau.depots.exists()
    assert not nouveau.attestation_honneur and nouveau.montant_atteste is None and nouveau.signataire_nom == ""
    assert not nouveau.priorites_operationnelles.exists() and nouveau.campagne == campagne
    assert "Ancien quartier" not in set(nouveau.quartiers.values_list("nom", flat=True))


def test_the_porteur_renews_from_its_space_and_a_dossier_is_offered_once(client, ancien):
    from projets.factories import PorteurMembreFactory

    user = PorteurMembreFactory(porteur=ancien.porteur).user
    CampagneFactory(contrat=ancien.campagne.contrat, annee=ancien.campagne.annee + 1)
    client.force_login(user)
    assert "Reconduire une action de l'an dernier" in client.get("/espace-porteur/").content.decode()
    response = client.post(f"/espace-porteur/dossiers/{ancien.pk}/reconduire/")
    nouveau = Dossier.objects.get(reconduit_de=ancien)
    assert response.url == f"/espace-porteur/dossiers/{nouveau.pk}/action/"
    assert "Reconduire une action de l'an dernier" not in client.get("/espace-porteur/").content.decode()


def test_another_porteur_cannot_renew_someone_elses_dossier(client, porteur_b, ancien):
    CampagneFactory(contrat=ancien.campagne.contrat, annee=ancien.campagne.annee + 1)
    client.force_login(porteur_b)
    assert client.post(f"/espace-porteur/dossiers/{ancien.pk}/reconduire/").status_code == 404
    assert not Dossier.objects.filter(reconduit_de=ancien).exists()


def test_only_active_financeurs_are_carried_over(ancien):
    retire = LigneFinancementFactory(dossier=ancien, financeur__nom="Ancien financeur", financeur__actif=False)
    campagne = CampagneFactory(contrat=ancien.campagne.contrat, annee=ancien.campagne.annee + 1)
    nouveau = dossier_renew(source=ancien, campagne=campagne)
    assert not nouveau.lignes_financement.filter(financeur=retire.financeur).exists()
