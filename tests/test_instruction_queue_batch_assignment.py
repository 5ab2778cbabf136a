"""From the queue, the city assigns the ticked dossiers to one référent at once; each change is recorded."""

import pytest

from projets.enums import EtatDossier
from projets.factories import CampagneFactory, DossierFactory

pytestmark = pytest.mark.django_db


def test_ticked_dossiers_get_the_referent_and_the_history_says_who(client, instructeur):
    campagne = CampagneFactory()
    a, b, c = (DossierFactory(campagne=campagne, etat=EtatDossier.DEPOSE, numero=f"CV-1-{i}") for i in range(3))
    autre = DossierFactory(etat=EtatDossier.DEPOSE, numero="CV-2-0")  # another campagne: ignored
    client.force_login(instructeur)
    retour = f"/instruction/campagnes/{campagne.pk}/?etat=depose"
    response = client.post(
        f"/instruction/campagnes/{campagne.pk}/attribuer/",
        {"dossiers": [a.pk, b.pk, autre.pk], "referent": instructeur.pk, "retour": retour},
    )
    assert response.status_code == 302 and response.url == retour
    assert {d.pk for d in instructeur.dossiers_suivis.all()} == {a.pk, b.pk}
    assert a.history.latest().history_user == instructeur
    c.refresh_from_db()
    assert c.referent is None
    assert "2 dossiers attribués" in client.get(retour).content.decode()


def test_nothing_ticked_or_partner_is_refused(client, instructeur, partenaire_cotech):
    campagne = CampagneFactory()
    dossier = DossierFactory(campagne=campagne, etat=EtatDossier.DEPOSE, numero="CV-1-0")
    client.force_login(instructeur)
    url = f"/instruction/campagnes/{campagne.pk}/attribuer/"
    response = client.post(url, {"referent": instructeur.pk}, follow=True)
    assert "Cochez au moins un dossier" in response.content.decode()
    campagne.partenaires_invites.add(partenaire_cotech)
    client.force_login(partenaire_cotech)
    assert "Attribuer les dossiers cochés" not in client.get(f"/instruction/campagnes/{campagne.pk}/").content.decode()
    assert client.post(url, {"dossiers": [dossier.pk], "referent": instructeur.pk}).status_code == 403
    dossier.refresh_from_db()
    assert dossier.referent is None


def test_an_outside_return_address_is_ignored(client, instructeur):
    campagne = CampagneFactory()
    dossier = DossierFactory(campagne=campagne, etat=EtatDossier.DEPOSE, numero="CV-1-0")
    client.force_login(instructeur)
    response = client.post(
        f"/instruction/campagnes/{campagne.pk}/attribuer/",
        {"dossiers": [dossier.pk], "referent": instructeur.pk, "retour": "https://exemple.org/"},
    )
    assert response.url == f"/instruction/campagnes/{campagne.pk}/"
