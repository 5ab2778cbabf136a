"""A COPIL séance with a long agenda: beyond ORDRE_DU_JOUR_EN_LIGNE dossiers the séance page shows a count and a
link instead of one inline form per dossier (20 s per page with 2 000), and the agenda has its own admin pages,
100 rows each, where the ranks change page by page while the séance is in preparation, for whoever could change
them in the inline (change permission on séances and on their rows: instruction and administration)."""

import pytest
from django.urls import reverse

from projets.admin_seances import ORDRE_DU_JOUR_EN_LIGNE, ORDRE_DU_JOUR_PAR_PAGE
from projets.enums import StatutSeance
from tests.helpers.copil import allonger_ordre_du_jour, seance_copil

pytestmark = pytest.mark.django_db


@pytest.fixture
def longue_seance(membre_copil):
    seance = seance_copil(secretaire=membre_copil, dossiers=2).seance
    allonger_ordre_du_jour(seance=seance, nombre=ORDRE_DU_JOUR_EN_LIGNE + ORDRE_DU_JOUR_PAR_PAGE)
    return seance


def _agenda(seance, page=1):
    return f"{reverse('admin:projets_seance_ordre_du_jour', args=[seance.pk])}?page={page}"


def _donnees(seance, rangs: dict[int, str] | None = None, page=1) -> dict:
    """The POST of an agenda page as the browser sends it, with some ranks retyped (row index → typed value)."""
    examens = list(seance.examens.order_by("rang", "pk"))[(page - 1) * 100 : page * 100]
    data = {
        "examens-TOTAL_FORMS": str(len(examens)),
        "examens-INITIAL_FORMS": str(len(examens)),
        "examens-MIN_NUM_FORMS": "0",
        "examens-MAX_NUM_FORMS": "1000",
    }
    for i, examen in enumerate(examens):
        data[f"examens-{i}-id"] = str(examen.pk)
        data[f"examens-{i}-rang"] = (rangs or {}).get(i, str(examen.rang))
    return data


def test_a_short_agenda_stays_inline_on_the_seance_page(client, administrateur, membre_copil):
    seance = seance_copil(secretaire=membre_copil, dossiers=2).seance
    client.force_login(administrateur)
    page = client.get(reverse("admin:projets_seance_change", args=[seance.pk])).content.decode()
    assert 'name="examens-0-rang"' in page
    assert reverse("admin:projets_seance_ordre_du_jour", args=[seance.pk]) not in page


def test_a_long_agenda_is_a_link_on_the_seance_page(client, administrateur, longue_seance):
    client.force_login(administrateur)
    page = client.get(reverse("admin:projets_seance_change", args=[longue_seance.pk])).content.decode()
    assert 'name="examens-0-rang"' not in page
    assert "202 dossiers à l'ordre du jour" in page
    assert reverse("admin:projets_seance_ordre_du_jour", args=[longue_seance.pk]) in page


def test_the_agenda_shows_100_rows_per_page_in_rank_order(client, administrateur, longue_seance):
    client.force_login(administrateur)
    premiere = client.get(_agenda(longue_seance)).content.decode()
    derniere = client.get(_agenda(longue_seance, 3)).content.decode()
    assert premiere.count('name="examens-') - premiere.count("examens-TOTAL") > 0
    assert 'name="examens-99-rang"' in premiere and 'name="examens-100-rang"' not in premiere
    assert 'name="examens-1-rang"' in derniere and 'name="examens-2-rang"' not in derniere  # 202 = 100 + 100 + 2
    assert "Dossiers 201 à 202" in derniere
    assert 'href="?page=2"' in premiere


def test_a_rank_change_is_saved_from_its_page(client, administrateur, longue_seance):
    client.force_login(administrateur)
    examen = longue_seance.examens.order_by("rang", "pk")[150]
    reponse = client.post(_agenda(longue_seance, 2), _donnees(longue_seance, {50: "1"}, page=2))
    assert reponse.status_code == 302 and reponse["Location"].endswith("?page=2")
    examen.refresh_from_db()
    assert examen.rang == 1
    assert examen.history.first().history_user == administrateur


def test_a_bad_rank_is_refused_in_french_next_to_the_field_keeping_the_typed_values(
    client, administrateur, longue_seance
):
    client.force_login(administrateur)
    avant = list(longue_seance.examens.order_by("pk").values_list("rang", flat=True))
    reponse = client.post(_agenda(longue_seance), _donnees(longue_seance, {0: "77", 3: "-4", 5: "douze"}))
    page = reponse.content.decode()
    assert reponse.status_code == 200
    assert "Les rangs n'ont pas été enregistrés" in page
    assert "supérieure ou égale à 0" in page and "Saisissez un nombre entier." in page
    assert 'value="77"' in page and 'value="-4"' in page and 'value="douze"' in page
    assert list(longue_seance.examens.order_by("pk").values_list("rang", flat=True)) == avant


def test_the_agenda_of_a_closed_seance_is_read_only(client, administrateur, longue_seance):
    longue_seance.statut = StatutSeance.CLOSE
    longue_seance.save()
    client.force_login(administrateur)
    assert 'name="examens-0-rang"' not in client.get(_agenda(longue_seance)).content.decode()
    examen = longue_seance.examens.order_by("rang", "pk").first()
    client.post(_agenda(longue_seance), _donnees(longue_seance, {0: "500"}))
    examen.refresh_from_db()
    assert examen.rang != 500


def test_a_partner_sees_only_the_agendas_of_invited_campagnes(client, partenaire_cotech, longue_seance):
    client.force_login(partenaire_cotech)
    assert client.get(_agenda(longue_seance)).status_code == 404
    longue_seance.campagne.partenaires_invites.add(partenaire_cotech)
    examen = longue_seance.examens.order_by("rang", "pk").first()
    client.post(_agenda(longue_seance), _donnees(longue_seance, {0: "500"}))
    examen.refresh_from_db()
    assert examen.rang != 500


def test_the_copil_reads_the_agenda_without_reordering_it_as_in_the_inline(client, membre_copil, longue_seance):
    client.force_login(membre_copil)
    page = client.get(_agenda(longue_seance))
    assert page.status_code == 200 and 'name="examens-0-rang"' not in page.content.decode()
    examen = longue_seance.examens.order_by("rang", "pk").first()
    assert client.post(_agenda(longue_seance), _donnees(longue_seance, {0: "500"})).status_code == 403
    examen.refresh_from_db()
    assert examen.rang != 500


def test_the_instruction_reorders_the_agenda_as_in_the_inline(client, instructeur, longue_seance):
    client.force_login(instructeur)
    examen = longue_seance.examens.order_by("rang", "pk").first()
    client.post(_agenda(longue_seance), _donnees(longue_seance, {0: "500"}))
    examen.refresh_from_db()
    assert examen.rang == 500


@pytest.mark.parametrize("persona", ["porteur_a", "conseil_citoyen"])
def test_personas_outside_the_admin_cannot_open_the_agenda(client, persona, request, longue_seance):
    client.force_login(request.getfixturevalue(persona))
    examen = longue_seance.examens.order_by("rang", "pk").first()
    assert client.get(_agenda(longue_seance)).url.startswith("/admin/login/")
    assert client.post(_agenda(longue_seance), _donnees(longue_seance, {0: "500"})).url.startswith("/admin/login/")
    examen.refresh_from_db()
    assert examen.rang != 500
