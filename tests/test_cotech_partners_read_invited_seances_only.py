"""COTECH partners read the séances of the campagnes they are invited to, and only those, without changing them;
the COPIL reads them too; porteurs and the conseil citoyen do not enter these pages. Same rule in the admin."""

import pytest
from django.urls import reverse

from projets.enums import Avis
from projets.factories import CampagneFactory, ExamenFactory, SeanceFactory
from projets.models import Examen

pytestmark = pytest.mark.django_db


@pytest.fixture
def seances(partenaire_cotech):
    invitee, autre = CampagneFactory(libelle="Appel invité"), CampagneFactory(libelle="Appel non invité")
    invitee.partenaires_invites.add(partenaire_cotech)
    visible = SeanceFactory(campagne=invitee, lieu="Salle visible")
    cachee = SeanceFactory(campagne=autre, lieu="Salle cachée")
    ExamenFactory(seance=visible, avis=Avis.FAVORABLE, commentaire="Observations visibles")
    ExamenFactory(seance=cachee)
    return visible, cachee


def ecritures(seance):
    examen = seance.examens.first()
    return [
        (reverse("cotech_seance_avis", args=[seance.pk]), {f"examen-{examen.pk}-avis": Avis.DEFAVORABLE}),
        (reverse("cotech_seance_dossiers", args=[seance.pk]), {"dossiers": [examen.dossier_id]}),
        (reverse("cotech_examen_retirer", args=[seance.pk, examen.pk]), {}),
        (reverse("cotech_seance_modifier", args=[seance.pk]), {"date": "01/01/2031"}),
        (reverse("cotech_seance_creer", args=[seance.campagne_id]), {"date": "01/01/2031"}),
    ]


@pytest.mark.parametrize("persona", ["partenaire_cotech", "membre_copil"])
def test_partners_and_copil_read_the_seance_without_forms(client, request, persona, seances):
    visible, _ = seances
    visible.campagne.partenaires_invites.add(request.getfixturevalue("partenaire_cotech"))
    client.force_login(request.getfixturevalue(persona))
    liste = client.get(reverse("cotech_seances", args=[visible.campagne_id])).content.decode()
    assert "Salle visible" in liste and "Nouvelle séance" not in liste
    page = client.get(reverse("cotech_seance", args=[visible.pk])).content.decode()
    assert "Favorable" in page and "Observations visibles" in page
    assert "<form" not in page.split("<main", 1)[1].split("</main>")[0]
    assert "Modifier la séance" not in page
    for url, data in ecritures(visible):
        assert client.post(url, data).status_code == 403, url
    assert client.get(reverse("cotech_seance_modifier", args=[visible.pk])).status_code == 403
    assert Examen.objects.get(seance=visible).avis == Avis.FAVORABLE


def test_a_partner_does_not_see_the_seances_of_other_campagnes(client, partenaire_cotech, seances):
    _, cachee = seances
    client.force_login(partenaire_cotech)
    assert client.get(reverse("cotech_seances", args=[cachee.campagne_id])).status_code == 404
    assert client.get(reverse("cotech_seance", args=[cachee.pk])).status_code == 404
    for url, data in ecritures(cachee):
        assert client.post(url, data).status_code in (403, 404), url


@pytest.mark.parametrize("persona", ["porteur_a", "conseil_citoyen"])
def test_porteurs_and_the_conseil_citoyen_do_not_enter(client, request, persona, seances):
    visible, _ = seances
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("cotech_seances", args=[visible.campagne_id])).status_code == 403
    assert client.get(reverse("cotech_seance", args=[visible.pk])).status_code == 403


def test_the_admin_follows_the_same_rule(client, partenaire_cotech, seances):
    visible, cachee = seances
    client.force_login(partenaire_cotech)
    liste = client.get(reverse("admin:projets_seance_changelist")).content.decode()
    assert "Appel invité" in liste and "Appel non invité" not in liste
    assert client.get(reverse("admin:projets_seance_change", args=[visible.pk])).status_code == 200
    assert client.get(reverse("admin:projets_seance_change", args=[cachee.pk])).status_code == 302  # not found
    assert client.get(reverse("admin:projets_seance_history", args=[visible.pk])).status_code == 200
    assert client.get(reverse("admin:projets_seance_history", args=[cachee.pk])).status_code == 403
    version = cachee.history.first().history_id
    url = reverse("admin:projets_seance_simple_history", args=[cachee.pk, version])
    assert client.get(url).status_code == 403
    response = client.post(reverse("admin:projets_seance_change", args=[visible.pk]), {"lieu": "changé"})
    assert response.status_code == 403


def test_the_instruction_sees_every_seance_in_the_admin(client, instructeur, seances):
    client.force_login(instructeur)
    liste = client.get(reverse("admin:projets_seance_changelist")).content.decode()
    assert "Appel invité" in liste and "Appel non invité" in liste
