"""The job's JSON status and its download are for the staff only; partners see their invited campagnes only."""

import pytest
from django.urls import reverse

from projets.enums import StatutTravail, TypeTravail
from projets.factories import TravailFactory
from projets.services.travaux import travail_executer
from tests.helpers.copil_clos import copil_clos

pytestmark = pytest.mark.django_db


@pytest.fixture
def travail():
    copil = copil_clos()
    travail = TravailFactory(type=TypeTravail.PROGRAMMATION, campagne=copil.campagne)
    return travail_executer(travail=travail)


def _urls(travail):
    return reverse("travail_statut", args=[travail.pk]), reverse("travail_telecharger", args=[travail.pk])


def test_anonymous_gets_a_refusal_not_the_login_page_from_the_json(client, travail):
    statut, telecharger = _urls(travail)
    assert client.get(statut).status_code == 403
    assert client.get(telecharger)["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("persona", ["porteur_a", "conseil_citoyen"])
def test_non_staff_users_are_refused(client, travail, persona, request):
    client.force_login(request.getfixturevalue(persona))
    for url in _urls(travail):
        assert client.get(url).status_code == 403, url


def test_a_partner_sees_only_the_jobs_of_invited_campagnes(client, travail, partenaire_cotech):
    client.force_login(partenaire_cotech)
    for url in _urls(travail):
        assert client.get(url).status_code == 404, url
    travail.campagne.partenaires_invites.add(partenaire_cotech)
    assert client.get(_urls(travail)[0]).json()["statut"] == StatutTravail.REUSSI


def test_staff_read_the_status_and_download_the_pdf(client, travail, membre_copil):
    client.force_login(membre_copil)
    statut, telecharger = _urls(travail)

    etat = client.get(statut).json()
    reponse = client.get(telecharger)

    assert etat["statut"] == "reussi" and etat["progression"] == 100 and etat["actif"] is False
    assert etat["telecharger"] == telecharger and etat["tentatives"] == 1
    assert reponse.status_code == 200 and reponse["Content-Type"] == "application/pdf"
    assert b"".join(reponse.streaming_content).startswith(b"%PDF")
    assert 'filename="programmation-2031.pdf"' in reponse["Content-Disposition"]


def test_an_unfinished_job_has_nothing_to_download(client, membre_copil):
    travail = TravailFactory(statut=StatutTravail.EN_COURS, progression=40, etape="Mise en page")
    client.force_login(membre_copil)

    assert client.get(_urls(travail)[1]).status_code == 404
    etat = client.get(_urls(travail)[0]).json()
    assert (etat["actif"], etat["progression"], etat["etape"], etat["telecharger"]) == (True, 40, "Mise en page", None)
