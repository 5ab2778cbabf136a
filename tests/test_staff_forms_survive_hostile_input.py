"""Hypothesis posts hostile and random values into every form of the staff pages (the instruction of a dossier,
the suivi: convention, signature, payments, action dates, bilan examination) and of the conseil citoyen: never a
5xx, messages in French only, and a refused form changes nothing in the database."""

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from projets.factories import dossier_depose
from suivi.models import Bilan
from tests.helpers.saisies_hostiles import (
    EXPLORATION,
    MARQUES_D_ERREUR,
    formulaires_de,
    photo,
    saisie_hostile,
    verifier_reponse,
)
from tests.helpers.suivi import bilan_depose, dossier_en_cours, dossier_vote

pytestmark = pytest.mark.django_db

EXEMPLES = 8
# What the staff forms write: compared before and after every refused post.
MODELES = [
    "projets.Dossier",
    "projets.LigneFinancement",
    "projets.ControleRecevabilite",
    "projets.DemandeComplements",
    "projets.NoteCritere",
    "projets.TransitionDossier",
    "suivi.Convention",
    "suivi.EngagementAnnuel",
    "suivi.Versement",
    "suivi.Bilan",
    "suivi.SuiviAction",
    "conseil_citoyen.DemandeFPH",
]


def _instruction(instructeur, porteur_a, membre_copil):
    return instructeur, reverse("instruction_dossier", args=[dossier_depose().pk])


def _convention_a_creer(instructeur, porteur_a, membre_copil):
    dossier = dossier_vote(membre_copil=membre_copil)
    return instructeur, reverse("suivi_conventions") + f"?dossier={dossier.pk}"


def _convention_a_signer(instructeur, porteur_a, membre_copil):
    from suivi.services.conventions import convention_create

    convention = convention_create(dossiers=[dossier_vote(membre_copil=membre_copil)], by=instructeur)
    return instructeur, reverse("suivi_convention", args=[convention.pk])


def _versements(instructeur, porteur_a, membre_copil):
    from suivi.services.conventions import convention_create, convention_sign

    dossier = dossier_vote(membre_copil=membre_copil)
    convention = convention_create(dossiers=[dossier], by=instructeur)
    convention_sign(convention=convention, date_signature=timezone.localdate(), by=instructeur)
    return instructeur, reverse("suivi_versements")


def _action(instructeur, porteur_a, membre_copil):
    dossier = dossier_en_cours(membre_copil=membre_copil, instructeur=instructeur)
    return instructeur, reverse("suivi_action", args=[dossier.pk])


def _bilan(instructeur, porteur_a, membre_copil):
    dossier = dossier_en_cours(membre_copil=membre_copil, instructeur=instructeur, porteuse=porteur_a)
    bilan_depose(dossier=dossier, porteuse=porteur_a)
    return instructeur, reverse("suivi_bilan_examen", args=[Bilan.objects.get(dossier=dossier).pk])


def _bilan_du_porteur(instructeur, porteur_a, membre_copil):
    dossier = dossier_en_cours(membre_copil=membre_copil, instructeur=instructeur, porteuse=porteur_a)
    return porteur_a, reverse("suivi_bilan", args=[dossier.pk])


def _fonds_de_participation(instructeur, porteur_a, membre_copil):
    from conseil_citoyen.factories import FondsParticipationFactory

    fonds = FondsParticipationFactory(annee=timezone.localdate().year)
    return porteur_a, reverse("demande_fph", args=[fonds.conseil_id])


PAGES = {
    "instruction du dossier": _instruction,
    "convention à établir": _convention_a_creer,
    "signature de la convention": _convention_a_signer,
    "versements dus": _versements,
    "dates de l'action": _action,
    "examen du bilan": _bilan,
    "bilan de la structure": _bilan_du_porteur,
    "fonds de participation des habitants": _fonds_de_participation,
}


@pytest.fixture
def page(request, client, instructeur, porteur_a, membre_copil):
    user, url = PAGES[request.param](instructeur, porteur_a, membre_copil)
    client.force_login(user)
    formulaires = [f for f in formulaires_de(client.get(url), url) if f.action != reverse("logout")]
    assert formulaires, f"aucun formulaire sur {url}"
    return url, formulaires


@pytest.mark.parametrize("page", list(PAGES), indirect=True)
@settings(max_examples=EXEMPLES, **EXPLORATION)
@given(data=st.data())
def test_hostile_values_in_any_form_of_the_page(client, page, data):
    url, formulaires = page
    formulaire = data.draw(st.sampled_from(formulaires), label="formulaire")
    avant = photo(MODELES)
    envoi, visible = saisie_hostile(data, formulaire)
    reponse = client.post(formulaire.action, envoi)
    texte = verifier_reponse(reponse)
    if reponse.status_code == 200 and visible:  # shown again: refused, with its reason
        assert any(marque in texte for marque in MARQUES_D_ERREUR), texte[:3000]
    if reponse.status_code == 200 and "is-invalid" in texte:  # a field refused: nothing written
        assert photo(MODELES) == avant
    verifier_reponse(client.get(url))
