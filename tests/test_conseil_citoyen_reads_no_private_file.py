"""Each role gets the files its pages need, nothing by a broad permission (issue 17, finding 3). The conseil
citoyen's pages are public: it downloads no attachment, récépissé, standing document nor message attachment. The
récépissé (depositor's e-mail, SIRET) is for the structure's members and the service that instructs only."""

import pytest

from comptes.factories import UserFactory
from comptes.roles import ROLE_PERMISSIONS, Role
from projets.factories import MessageFactory, PieceJointeFactory, PieceMessageFactory, dossier_depose
from tests.helpers.monde import fermer

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(porteur_a):
    return dossier_depose(porteur=porteur_a.porteurs.get())


def statut(client, url) -> int:
    reponse = client.get(url)
    fermer(reponse)
    return reponse.status_code


def test_the_conseil_citoyen_downloads_nothing_of_a_deposited_dossier(client, conseil_citoyen, dossier):
    piece_message = PieceMessageFactory(message=MessageFactory(dossier=dossier))
    client.force_login(conseil_citoyen)
    for url in [
        f"/espace-porteur/pieces/{PieceJointeFactory(dossier=dossier).pk}/telecharger/",
        f"/espace-porteur/dossiers/{dossier.pk}/recepisse/",
        f"/espace-porteur/documents/{dossier.porteur.documents.get().pk}/telecharger/",
        f"/messages/pieces/{piece_message.pk}/telecharger/",
    ]:
        assert statut(client, url) == 404, url


def test_the_conseil_citoyen_role_grants_no_permission_its_public_pages_do_not_need():
    assert ROLE_PERMISSIONS[Role.CONSEIL_CITOYEN] == []


@pytest.mark.parametrize(
    ("persona", "attendu"),
    [("porteur_a", 200), ("instructeur", 200), ("administrateur", 200), ("membre_copil", 404), ("partenaire", 404)],
)
def test_the_recepisse_is_for_the_structure_and_the_instruction_only(client, request, dossier, persona, attendu):
    if persona == "partenaire":  # invited to the campagne: reads the dossier, not the depositor's e-mail
        user = UserFactory(is_staff=True, roles=[Role.PARTENAIRE_COTECH])
        dossier.campagne.partenaires_invites.add(user)
    else:
        user = request.getfixturevalue(persona)
    client.force_login(user)
    assert statut(client, f"/espace-porteur/dossiers/{dossier.pk}/recepisse/") == attendu
