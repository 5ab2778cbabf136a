"""Hypothesis posts hostile and random values into the admin: add and change forms of the main models (inlines
included), the COPIL séance's vote grid and the changelists' actions. Never a 5xx (ids beyond bigint included,
which PostgreSQL refuses), messages in French only, and a refused form changes nothing."""

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from conseil_citoyen.factories import ConseilCitoyenFactory
from projets.factories import DocumentPorteurFactory, PorteurMembreFactory, dossier_depose
from tests.helpers.copil import seance_copil
from tests.helpers.saisies_hostiles import EXPLORATION, formulaires_de, photo, saisie_hostile, verifier_reponse

pytestmark = pytest.mark.django_db

EXEMPLES = 6
MODELES = [
    "projets.Dossier",
    "projets.LigneFinancement",
    "projets.Porteur",
    "projets.Financeur",
    "projets.Campagne",
    "projets.Seance",
    "projets.DecisionLigne",
    "projets.Convocation",
    "projets.Recusation",
    "projets.Examen",
    "conseil_citoyen.ConseilCitoyen",
    "comptes.User",
]


def _pages(membre_copil) -> dict[str, str]:
    dossier = dossier_depose()
    scenario = seance_copil(secretaire=membre_copil, dossiers=1)
    conseil = ConseilCitoyenFactory(contrat=dossier.campagne.contrat)

    def change(objet):
        return reverse(f"admin:{objet._meta.app_label}_{objet._meta.model_name}_change", args=[objet.pk])

    return {
        "dossier (modification)": change(dossier),
        "dossiers (actions)": reverse("admin:projets_dossier_changelist"),
        "structure (ajout)": reverse("admin:projets_porteur_add"),
        "structure (modification)": change(dossier.porteur),
        "financeur (ajout)": reverse("admin:projets_financeur_add"),
        "financeur (modification)": change(scenario.financeurs[0]),
        "campagne (modification)": change(dossier.campagne),
        "campagnes (actions)": reverse("admin:projets_campagne_changelist"),
        "séance du COPIL (modification)": change(scenario.seance),
        "séance du COPIL (vote)": reverse("admin:projets_seance_vote", args=[scenario.seance.pk]),
        "séance du COPIL (ordre du jour)": reverse("admin:projets_seance_ordre_du_jour", args=[scenario.seance.pk]),
        "séance (ajout)": reverse("admin:projets_seance_add"),
        "conseil citoyen (modification)": change(conseil),
        "réunion du conseil citoyen (ajout)": reverse("admin:conseil_citoyen_reunion_add"),
        "compte (ajout)": reverse("admin:comptes_user_add"),
    }


PAGES = [
    "dossier (modification)",
    "dossiers (actions)",
    "structure (ajout)",
    "structure (modification)",
    "financeur (ajout)",
    "financeur (modification)",
    "campagne (modification)",
    "campagnes (actions)",
    "séance du COPIL (modification)",
    "séance du COPIL (vote)",
    "séance du COPIL (ordre du jour)",
    "séance (ajout)",
    "conseil citoyen (modification)",
    "réunion du conseil citoyen (ajout)",
    "compte (ajout)",
]


@pytest.fixture
def page(request, client, administrateur, membre_copil):
    url = _pages(membre_copil)[request.param]
    # The vote grid is the COPIL's: its secretary votes; the administrator runs the rest of the admin.
    client.force_login(membre_copil if "vote" in request.param else administrateur)
    deconnexion = reverse("admin:logout")
    formulaires = [f for f in formulaires_de(client.get(url), url) if f.action != deconnexion]
    assert formulaires, f"aucun formulaire sur {url}"
    return url, formulaires


@pytest.mark.parametrize("page", PAGES, indirect=True)
@settings(max_examples=EXEMPLES, **EXPLORATION)
@given(data=st.data())
def test_hostile_values_in_the_admin(client, page, data):
    url, formulaires = page
    formulaire = data.draw(st.sampled_from(formulaires), label="formulaire")
    avant = photo(MODELES)
    envoi, visible = saisie_hostile(data, formulaire)
    reponse = client.post(formulaire.action, envoi)
    texte = verifier_reponse(reponse)
    if reponse.status_code == 200 and "errorlist" in texte:  # a field refused, in French, and nothing written
        assert "Veuillez corriger" in texte or "invalid-feedback" in texte or "errornote" in texte, texte[:3000]
        assert photo(MODELES) == avant
    verifier_reponse(client.get(url))


@pytest.mark.parametrize("selection", ["abc", "99999999999999999999", "-1", "1\x00", "١"])
def test_a_tampered_selection_of_a_changelist_is_refused_in_french(client, administrateur, selection):
    dossier = dossier_depose()
    client.force_login(administrateur)
    url = reverse("admin:projets_dossier_changelist")
    reponse = client.post(url, {"action": "publier", "index": "0", "_selected_action": [str(dossier.pk), selection]})
    assert reponse.status_code == 302
    assert "Sélection invalide" in verifier_reponse(client.get(reponse["Location"]))
    dossier.refresh_from_db()
    assert not dossier.publie


# porteur and campagne are read-only (tests/test_admin_service_governed_fields_read_only.py): no longer a choice.
@pytest.mark.parametrize("champ", ["volet", "reconduit_de", "axes"])
def test_an_id_beyond_bigint_in_a_choice_is_a_french_error_next_to_the_field(client, administrateur, champ):
    """PostgreSQL refuses such an id (bigint): the field says the choice is invalid instead of a 500."""
    dossier = dossier_depose()
    client.force_login(administrateur)
    url = reverse("admin:projets_dossier_change", args=[dossier.pk])
    (formulaire,) = [f for f in formulaires_de(client.get(url), url) if f.action != reverse("admin:logout")]
    envoi: dict[str, list[str]] = {}
    for nom, valeur in formulaire.champs:
        envoi.setdefault(nom, []).append(valeur)
    avant = photo(MODELES)
    envoi[champ] = ["99999999999999999999"]
    texte = verifier_reponse(client.post(url, envoi))
    assert 'class="errorlist' in texte and ("Sélectionnez un choix valide" in texte or "valeur correcte" in texte)
    assert photo(MODELES) == avant


def _formulaire_de_la_page(client, url) -> dict[str, list[str]]:
    (formulaire,) = [f for f in formulaires_de(client.get(url), url) if f.action != reverse("admin:logout")]
    envoi: dict[str, list[str]] = {}
    for nom, valeur in formulaire.champs:
        envoi.setdefault(nom, []).append(valeur)
    return envoi


@pytest.mark.parametrize("valeur", ["'; DROP TABLE projets_dossier; --", "99999999999999999999", "1\x00"])
def test_a_tampered_choice_of_an_autocomplete_field_is_shown_again_as_an_error(client, administrateur, valeur):
    """The autocomplete widget looks the posted value up to show it again: a tampered one is left out."""
    membre = PorteurMembreFactory()
    client.force_login(administrateur)
    url = reverse("admin:projets_porteur_change", args=[membre.porteur_id])
    envoi = _formulaire_de_la_page(client, url)
    envoi["membres-0-user"] = [valeur]
    avant = photo(MODELES)
    texte = verifier_reponse(client.post(url, envoi))
    assert 'class="errorlist' in texte and ("Sélectionnez un choix valide" in texte or "caractère nul" in texte)
    assert photo(MODELES) == avant


def test_a_tampered_row_count_adds_no_row_to_a_read_only_inline(client, administrateur):
    client.force_login(administrateur)
    url = reverse("admin:projets_porteur_add")
    envoi = _formulaire_de_la_page(client, url)
    envoi |= {"documents-TOTAL_FORMS": ["6"], "raison_sociale": [""]}
    texte = verifier_reponse(client.post(url, envoi))
    assert "errorlist" in texte


def test_a_tampered_row_id_of_a_read_only_inline_shows_the_refused_form_again(client, administrateur):
    membre = PorteurMembreFactory()
    DocumentPorteurFactory(porteur=membre.porteur)
    client.force_login(administrateur)
    url = reverse("admin:projets_porteur_change", args=[membre.porteur_id])
    envoi = _formulaire_de_la_page(client, url) | {"documents-0-id": ["-1e309"], "annee_creation": ["mille"]}
    avant = photo(MODELES)
    assert "errorlist" in verifier_reponse(client.post(url, envoi))
    assert photo(MODELES) == avant
