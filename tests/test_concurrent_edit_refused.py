"""Two staff members edit the same avis or analysis: the second save is refused, shows what changed, keeps
what was typed, and overwrites nothing."""

from decimal import Decimal

import pytest
from django.test import Client

from comptes.factories import UserFactory
from comptes.roles import Role
from projets.factories import dossier_depose
from projets.models import CritereAnalyse

pytestmark = pytest.mark.django_db


@pytest.fixture
def deux_sessions(instructeur):
    collegue = UserFactory(email="collegue@ville.example", first_name="Paul", last_name="Martin", is_staff=True,
                           roles=[Role.INSTRUCTEUR])  # fmt: skip
    premiere, seconde = Client(), Client()
    premiere.force_login(collegue)
    seconde.force_login(instructeur)
    return premiere, seconde


def test_second_save_of_the_same_line_is_refused_with_what_changed(deux_sessions):
    premiere, seconde = deux_sessions
    dossier = dossier_depose()
    ville = dossier.lignes_financement.get(financeur__nom="Ville")
    page = f"/instruction/dossiers/{dossier.pk}/"
    prefix = f"ligne-{ville.pk}"

    # Both load the page: the form carries the version they saw.
    versions = [c.get(page).context["formulaires_lignes"][ville.pk].initial["version"] for c in deux_sessions]
    assert versions == [1, 1]

    def post(client, avis, montant):
        data = {"avis": avis, "montant_propose": montant, "commentaire": "", "version": 1}
        return client.post(f"{page}lignes/{ville.pk}/avis/", {f"{prefix}-{k}": v for k, v in data.items()})

    assert post(premiere, "favorable", "7 000").status_code == 302
    response = post(seconde, "reserve", "3 000")

    assert response.status_code == 200
    ville.refresh_from_db()
    assert (ville.avis, ville.montant_propose, ville.version) == ("favorable", Decimal("7000"), 2)
    conflit = response.context["conflit"]
    assert conflit.par == "Paul Martin"
    assert {(c.champ, c.avant, c.apres) for c in conflit.changements} >= {
        ("avis", "—", "Favorable"),
        ("montant proposé", "—", "7\u00a0000,00\u00a0€"),
    }
    html = response.content.decode()
    assert "Votre saisie n'a pas été enregistrée" in html and "Paul Martin" in html
    # What the second person typed is still in the form.
    assert response.context["formulaires_lignes"][ville.pk]["montant_propose"].value() == "3 000"


def test_second_save_of_the_analysis_is_refused_and_keeps_the_input(deux_sessions):
    premiere, seconde = deux_sessions
    dossier = dossier_depose()
    critere = CritereAnalyse.objects.create(campagne=dossier.campagne, libelle="Pertinence")
    page = f"/instruction/dossiers/{dossier.pk}/"
    version = seconde.get(page).context["form_analyse"].initial["version"]

    def post(client, synthese, note):
        data = {"synthese": synthese, "version": version, f"note_{critere.pk}": note, f"commentaire_{critere.pk}": ""}
        return client.post(f"{page}analyse/", {f"analyse-{k}": v for k, v in data.items()})

    assert post(premiere, "Action solide, à soutenir.", "3").status_code == 302
    response = post(seconde, "Action fragile.", "1")

    assert response.status_code == 200
    dossier.refresh_from_db()
    assert dossier.synthese == "Action solide, à soutenir."
    assert dossier.notes_criteres.get().note == 3
    conflit = response.context["conflit"]
    assert ("synthèse pour le COPIL", "—", "Action solide, à soutenir.") in {
        (c.champ, c.avant, c.apres) for c in conflit.changements
    }
    assert response.context["form_analyse"]["synthese"].value() == "Action fragile."


def test_second_save_of_the_cotech_avis_is_refused_and_keeps_the_input(deux_sessions):
    from projets.factories import ExamenFactory

    premiere, seconde = deux_sessions
    examen = ExamenFactory(dossier__numero="CV-2031-0007")
    url = f"/instruction/cotech/{examen.seance_id}/"
    # Both load the séance: the form carries the avis and observations as they were.
    for client in deux_sessions:
        assert client.get(url).status_code == 200

    def post(client, avis, commentaire):
        prefix = f"examen-{examen.pk}"
        data = {"avis": avis, "commentaire": commentaire, "avis_lu": "", "commentaire_lu": ""}
        return client.post(f"{url}avis/", {f"{prefix}-{k}": v for k, v in data.items()})

    assert post(premiere, "favorable", "Unanime.").status_code == 302
    response = post(seconde, "defavorable", "Hors priorités.")

    assert response.status_code == 200
    examen.refresh_from_db()
    assert (examen.avis, examen.commentaire) == ("favorable", "Unanime.")
    conflit = response.context["conflit"]
    assert conflit.par == "Paul Martin"
    assert ("CV-2031-0007, avis collectif", "—", "Favorable") in {
        (c.champ, c.avant, c.apres) for c in conflit.changements
    }
    form = next(e.form for e in response.context["examens"] if e.pk == examen.pk)
    assert form["avis"].value() == "defavorable" and form["avis_lu"].value() == "favorable"
    # Saving again, knowingly, goes through.
    response = seconde.post(
        f"{url}avis/",
        {
            f"examen-{examen.pk}-avis": "defavorable",
            f"examen-{examen.pk}-commentaire": "Hors priorités.",
            f"examen-{examen.pk}-avis_lu": "favorable",
            f"examen-{examen.pk}-commentaire_lu": "Unanime.",
        },
    )
    assert response.status_code == 302
    examen.refresh_from_db()
    assert examen.avis == "defavorable"
