"""A never-deposited draft is its structure's private work (issue 17, finding 2): no staff, COTECH partner, COPIL
member, conseil citoyen or administrateur reads it, lists it, counts it or exports it. Once deposited, a dossier
stays readable by the staff, even when reopened for compléments."""

import csv
import io

import openpyxl
import pytest

from comptes.factories import UserFactory
from comptes.roles import Role
from projets.enums import EtatDossier
from projets.factories import (
    DocumentPorteurFactory,
    DossierFactory,
    LigneFinancementFactory,
    PieceJointeFactory,
    SeanceFactory,
    dossier_depose,
)
from projets.selectors import dossiers_visibles
from tests.helpers.monde import fermer

pytestmark = pytest.mark.django_db

SECRET = "Brouillon confidentiel de la structure"
LECTEURS = ["instructeur", "membre_copil", "conseil_citoyen", "administrateur", "partenaire_invite"]


@pytest.fixture
def depose(porteur_a):
    """Porteur A's deposited dossier: its campagne is the one of the draft."""
    dossier = dossier_depose(porteur=porteur_a.porteurs.get(), intitule="Atelier écriture déposé")
    return dossier


@pytest.fixture
def brouillon(depose, instructeur):
    """Porteur A's draft, with an attachment, a financing line and the instructrice as référente: every hook a
    list or a count could catch it by."""
    dossier = DossierFactory(campagne=depose.campagne, porteur=depose.porteur, intitule=SECRET, referent=instructeur)
    LigneFinancementFactory(dossier=dossier, referent=instructeur)
    PieceJointeFactory(dossier=dossier)
    return dossier


@pytest.fixture
def partenaire_invite(depose):
    partenaire = UserFactory(is_staff=True, roles=[Role.PARTENAIRE_COTECH])
    depose.campagne.partenaires_invites.add(partenaire)
    return partenaire


@pytest.mark.parametrize("persona", LECTEURS)
def test_nobody_but_its_structure_reads_a_draft(client, request, persona, brouillon, depose):
    user = request.getfixturevalue(persona)
    assert list(dossiers_visibles(user=user).filter(campagne=depose.campagne)) in ([depose], [])
    client.force_login(user)
    piece = brouillon.pieces_jointes.get()
    for url in [
        f"/instruction/dossiers/{brouillon.pk}/",
        f"/espace-porteur/pieces/{piece.pk}/telecharger/",
        f"/espace-porteur/dossiers/{brouillon.pk}/recepisse/",
        f"/suivi/dossiers/{brouillon.pk}/comparaison/",
    ]:
        reponse = client.get(url)
        fermer(reponse)
        assert reponse.status_code in (403, 404), url


def test_its_structure_reads_its_draft(client, porteur_a, brouillon):
    assert brouillon in dossiers_visibles(user=porteur_a)
    client.force_login(porteur_a)
    reponse = client.get(f"/espace-porteur/pieces/{brouillon.pieces_jointes.get().pk}/telecharger/")
    fermer(reponse)
    assert reponse.status_code == 200


@pytest.mark.parametrize("persona", ["instructeur", "administrateur", "membre_copil"])
def test_the_admin_neither_lists_nor_opens_nor_shows_the_history_of_a_draft(client, request, persona, brouillon):
    client.force_login(request.getfixturevalue(persona))
    liste = client.get("/admin/projets/dossier/", {"q": "confidentiel"}).content.decode()
    assert SECRET not in liste
    reponse = client.get(f"/admin/projets/dossier/{brouillon.pk}/change/")
    assert reponse.status_code == 302 and reponse.url == "/admin/"
    assert client.get(f"/admin/projets/dossier/{brouillon.pk}/history/").status_code == 403


def test_no_list_count_or_export_of_the_instruction_shows_a_draft(client, instructeur, brouillon, depose):
    campagne = depose.campagne
    client.force_login(instructeur)
    file = client.get(f"/instruction/campagnes/{campagne.pk}/").content.decode()
    assert "Atelier écriture déposé" in file and SECRET not in file
    assert SECRET not in client.get("/instruction/").content.decode()
    assert SECRET not in client.get("/instruction/mes-dossiers/").content.decode()
    exporte = b"".join(client.get(f"/instruction/campagnes/{campagne.pk}/", {"export": "csv"}).streaming_content)
    assert SECRET not in str(list(csv.reader(io.StringIO(exporte.decode("utf-8-sig")))))
    classeur = openpyxl.load_workbook(
        io.BytesIO(client.get(f"/instruction/campagnes/{campagne.pk}/", {"export": "xlsx"}).content)
    )
    assert SECRET not in str([ligne for feuille in classeur for ligne in feuille.iter_rows(values_only=True)])
    seance = SeanceFactory(campagne=campagne)
    assert SECRET not in client.get(f"/instruction/cotech/{seance.pk}/").content.decode()


def test_a_dossier_reopened_for_complements_stays_readable_by_the_staff(
    client, instructeur, partenaire_invite, depose
):
    depose.etat = EtatDossier.COMPLEMENTS_DEMANDES  # the workflow never leads back to brouillon
    depose.save()
    for user in (instructeur, partenaire_invite):
        client.force_login(user)
        assert client.get(f"/instruction/dossiers/{depose.pk}/").status_code == 200
        reponse = client.get(f"/espace-porteur/pieces/{PieceJointeFactory(dossier=depose).pk}/telecharger/")
        fermer(reponse)
        assert reponse.status_code == 200


def test_the_documents_of_a_structure_with_drafts_only_are_private(client, instructeur, partenaire_invite, depose):
    """A structure whose only dossier in the campagne is a draft shows nothing of itself (RIB, statuts)."""
    autre = DossierFactory(campagne=depose.campagne, intitule="Brouillon d'une autre structure")
    document = DocumentPorteurFactory(porteur=autre.porteur)
    for user in (instructeur, partenaire_invite):
        client.force_login(user)
        assert client.get(f"/espace-porteur/documents/{document.pk}/telecharger/").status_code == 404


def test_the_instruction_writes_nothing_on_a_draft(client, instructeur, brouillon):
    client.force_login(instructeur)
    for action in ["messages", "notes", "referent", "recevabilite", "analyse"]:
        url = f"/instruction/dossiers/{brouillon.pk}/{action}/"
        assert client.post(url, {"texte": "Bonjour"}).status_code == 404, url
    assert not brouillon.messages.exists() and not brouillon.notes_internes.exists()
