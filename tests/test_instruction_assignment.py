"""A référent per dossier and per financeur line; reassignments are recorded; "mes dossiers" lists both."""

import pytest
from django.core.exceptions import ValidationError

from comptes.factories import UserFactory
from comptes.roles import Role
from projets.factories import dossier_depose
from projets.services.instruction import dossier_assign, ligne_assign

pytestmark = pytest.mark.django_db


@pytest.fixture
def collegue():
    return UserFactory(email="paul@ville.example", first_name="Paul", last_name="Martin", is_staff=True,
                       roles=[Role.INSTRUCTEUR])  # fmt: skip


def test_assignment_from_the_page_and_reassignment_are_recorded(client, instructeur, collegue):
    dossier = dossier_depose()
    client.force_login(instructeur)
    url = f"/instruction/dossiers/{dossier.pk}/referent/"
    assert client.post(url, {"referent": instructeur.pk}).status_code == 302
    assert client.post(url, {"referent": collegue.pk}).status_code == 302
    dossier.refresh_from_db()
    assert dossier.referent == collegue
    records = list(dossier.history.order_by("history_date"))[-2:]
    assert [r.referent_id for r in records] == [instructeur.pk, collegue.pk]
    assert all(r.history_user == instructeur for r in records)
    delta = records[1].diff_against(records[0])
    assert [(c.field, c.old, c.new) for c in delta.changes] == [("referent", instructeur.pk, collegue.pk)]


def test_only_instruction_staff_may_be_referent(instructeur, porteur_a, partenaire_cotech):
    dossier = dossier_depose()
    for personne in (porteur_a, partenaire_cotech):
        with pytest.raises(ValidationError):
            dossier_assign(dossier=dossier, referent=personne, by=instructeur)


def test_a_financeur_line_with_agents_gets_one_of_them(instructeur, partenaire_cotech, collegue):
    dossier = dossier_depose()
    etat = dossier.lignes_financement.get(financeur__nom="État")
    etat.financeur.agents.add(partenaire_cotech)
    with pytest.raises(ValidationError, match="agents de ce financeur"):
        ligne_assign(ligne=etat, referent=collegue, by=instructeur)
    ligne_assign(ligne=etat, referent=partenaire_cotech, by=instructeur)
    ville = dossier.lignes_financement.get(financeur__nom="Ville")
    ligne_assign(ligne=ville, referent=collegue, by=instructeur)
    assert {ligne.financeur.nom: ligne.referent for ligne in dossier.lignes_financement.all()} == {
        "État": partenaire_cotech,
        "Ville": collegue,
    }


def test_mes_dossiers_lists_dossiers_and_lines_followed(client, instructeur, partenaire_cotech):
    suivi, ligne_suivie, autre = dossier_depose(), dossier_depose(), dossier_depose()
    dossier_assign(dossier=suivi, referent=instructeur, by=instructeur)
    etat = ligne_suivie.lignes_financement.get(financeur__nom="État")
    etat.financeur.agents.add(partenaire_cotech)
    ligne_suivie.campagne.partenaires_invites.add(partenaire_cotech)
    ligne_assign(ligne=etat, referent=partenaire_cotech, by=instructeur)

    client.force_login(instructeur)
    page = client.get("/instruction/mes-dossiers/")
    assert [d.pk for d in page.context["dossiers"]] == [suivi.pk]
    client.force_login(partenaire_cotech)
    page = client.get("/instruction/mes-dossiers/")
    assert [d.pk for d in page.context["dossiers"]] == [ligne_suivie.pk]
    assert "la ligne État" in page.content.decode() and autre.numero not in page.content.decode()


def test_line_referent_from_the_page(client, instructeur, collegue):
    dossier = dossier_depose()
    ville = dossier.lignes_financement.get(financeur__nom="Ville")
    client.force_login(instructeur)
    page = client.get(f"/instruction/dossiers/{dossier.pk}/").content.decode()
    assert f"/lignes/{ville.pk}/referent/" in page
    response = client.post(
        f"/instruction/dossiers/{dossier.pk}/lignes/{ville.pk}/referent/", {f"ref-{ville.pk}-referent": collegue.pk}
    )
    assert response.status_code == 302
    ville.refresh_from_db()
    assert ville.referent == collegue
