"""Each financeur's line is instructed by that financeur: a COTECH partner gives the avis and amount of its own
financeur only; lines of financeurs without agents are instructed by the city."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from projets.enums import Avis
from projets.factories import dossier_depose
from projets.services.instruction import ligne_avis_save

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(partenaire_cotech):
    dossier = dossier_depose()
    dossier.campagne.partenaires_invites.add(partenaire_cotech)
    etat = dossier.lignes_financement.get(financeur__nom="État")
    etat.financeur.agents.add(partenaire_cotech)
    return dossier


def lignes(dossier):
    return {ligne.financeur.nom: ligne for ligne in dossier.lignes_financement.select_related("financeur")}


def form(ligne, **values):
    prefix = f"ligne-{ligne.pk}"
    data = {"avis": "favorable", "montant_propose": "4 000", "commentaire": "", "version": ligne.version, **values}
    return {f"{prefix}-{key}": value for key, value in data.items()}


def url(ligne):
    return f"/instruction/dossiers/{ligne.dossier_id}/lignes/{ligne.pk}/avis/"


def test_the_partner_sets_the_avis_and_amount_of_its_own_financeur(client, dossier, partenaire_cotech):
    etat = lignes(dossier)["État"]
    client.force_login(partenaire_cotech)
    response = client.post(url(etat), form(etat))
    assert response.status_code == 302
    etat.refresh_from_db()
    assert (etat.avis, etat.montant_propose, etat.version) == (Avis.FAVORABLE, Decimal("4000"), 2)


def test_the_partner_cannot_change_the_amount_of_another_financeur(client, dossier, partenaire_cotech):
    ville = lignes(dossier)["Ville"]
    client.force_login(partenaire_cotech)
    assert client.post(url(ville), form(ville)).status_code == 403
    ville.refresh_from_db()
    assert (ville.avis, ville.montant_propose) == ("", None)
    page = client.get(f"/instruction/dossiers/{dossier.pk}/").content.decode()
    assert f'action="{url(ville)}"' not in page and f'action="{url(lignes(dossier)["État"])}"' in page


def test_the_etat_line_is_instructed_by_the_etat_not_by_the_city(dossier, instructeur):
    etat, ville = lignes(dossier)["État"], lignes(dossier)["Ville"]
    with pytest.raises(PermissionDenied):
        ligne_avis_save(ligne=etat, by=instructeur, version=1, avis="favorable", commentaire="", montant_propose=None)
    ligne_avis_save(ligne=ville, by=instructeur, version=1, avis="reserve", commentaire="À revoir", montant_propose=0)
    ville.refresh_from_db()
    assert ville.avis == Avis.RESERVE


def test_a_partner_not_invited_to_the_campagne_does_not_see_the_dossier(client, dossier, partenaire_cotech):
    dossier.campagne.partenaires_invites.clear()
    client.force_login(partenaire_cotech)
    assert client.get(f"/instruction/dossiers/{dossier.pk}/").status_code == 404
    etat = lignes(dossier)["État"]
    assert client.post(url(etat), form(etat)).status_code == 404


@pytest.mark.parametrize(
    "values,champ,message",
    [
        ({"montant_propose": "6 000"}, "montant_propose", "dépasse le montant demandé"),
        ({"avis": "defavorable", "montant_propose": "100"}, "montant_propose", "ne propose pas de montant"),
        ({"montant_propose": "12,345"}, "montant_propose", "deux chiffres après la virgule"),
    ],
)
def test_bad_amounts_are_explained_next_to_the_field_and_kept(
    client, dossier, partenaire_cotech, values, champ, message
):
    etat = lignes(dossier)["État"]
    client.force_login(partenaire_cotech)
    response = client.post(url(etat), form(etat, **values))
    assert response.status_code == 200
    bound = response.context["formulaires_lignes"][etat.pk]
    assert message in " ".join(bound.errors[champ])
    assert bound[champ].value() == values[champ]
    etat.refresh_from_db()
    assert etat.montant_propose is None


def test_a_defavorable_avis_proposes_zero(dossier, partenaire_cotech):
    etat = lignes(dossier)["État"]
    ligne_avis_save(ligne=etat, by=partenaire_cotech, version=1, avis="defavorable", commentaire="Hors priorités",
                    montant_propose=None)  # fmt: skip
    etat.refresh_from_db()
    assert etat.montant_propose == 0


def test_an_unknown_avis_is_refused(dossier, partenaire_cotech):
    with pytest.raises(ValidationError):
        ligne_avis_save(ligne=lignes(dossier)["État"], by=partenaire_cotech, version=1, avis="peut-être",
                        commentaire="", montant_propose=None)  # fmt: skip
