"""A dossier goes to the COPIL once every line has its avis (and amount unless défavorable) and the synthesis
is written; until the COPIL votes, the city may take it back."""

import pytest

from projets.enums import Avis, EtatDossier
from projets.factories import dossier_depose
from projets.models import ControleRecevabilite
from projets.services.instruction import dossier_declare_recevable

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(instructeur):
    dossier = dossier_depose()
    ControleRecevabilite.objects.create(
        dossier=dossier, par=instructeur, le=dossier.depose_le, **dict.fromkeys(ControleRecevabilite.CRITERES, True)
    )
    return dossier_declare_recevable(dossier=dossier, by=instructeur)


def test_missing_avis_amount_and_synthesis_are_listed(client, instructeur, dossier):
    ville = dossier.lignes_financement.get(financeur__nom="Ville")
    ville.avis = Avis.FAVORABLE
    ville.save()
    client.force_login(instructeur)
    response = client.post(f"/instruction/dossiers/{dossier.pk}/proposer/")
    assert response.status_code == 200
    html = response.content.decode()
    for manque in ("l&#x27;avis de l&#x27;État", "le montant proposé par Ville", "la synthèse pour le COPIL"):
        assert manque in html
    dossier.refresh_from_db()
    assert dossier.etat == EtatDossier.EN_INSTRUCTION


def test_complete_instruction_goes_to_the_copil_and_can_be_taken_back(client, instructeur, dossier):
    for ligne in dossier.lignes_financement.all():
        ligne.avis = Avis.DEFAVORABLE if ligne.financeur.nom == "État" else Avis.FAVORABLE
        ligne.montant_propose = 0 if ligne.avis == Avis.DEFAVORABLE else ligne.montant_demande
        ligne.save()
    dossier.synthese = "Action ancrée dans le quartier."
    dossier.save()
    client.force_login(instructeur)
    assert client.post(f"/instruction/dossiers/{dossier.pk}/proposer/").status_code == 302
    dossier.refresh_from_db()
    assert dossier.etat == EtatDossier.INSTRUIT
    page = client.get(f"/instruction/dossiers/{dossier.pk}/").content.decode()
    assert "Reprendre l'instruction" in page and f'action="/instruction/dossiers/{dossier.pk}/reprendre/"' in page
    assert client.post(f"/instruction/dossiers/{dossier.pk}/reprendre/").status_code == 302
    dossier.refresh_from_db()
    assert dossier.etat == EtatDossier.EN_INSTRUCTION
