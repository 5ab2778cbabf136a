"""The admin's history pages follow the partners' rule too: simple-history would otherwise show the history (and
each past version) of a campagne, dossier or séance the partner is not invited to."""

import pytest
from django.urls import reverse

from projets.enums import EtatDossier
from projets.factories import CampagneFactory, DossierFactory, SeanceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def objets(partenaire_cotech):
    invitee, autre = CampagneFactory(), CampagneFactory()
    invitee.partenaires_invites.add(partenaire_cotech)
    return {
        "visibles": [
            ("campagne", invitee),
            ("dossier", DossierFactory(campagne=invitee, etat=EtatDossier.DEPOSE)),
            ("seance", SeanceFactory(campagne=invitee)),
        ],
        "caches": [
            ("campagne", autre),
            ("dossier", DossierFactory(campagne=autre, etat=EtatDossier.DEPOSE)),
            ("seance", SeanceFactory(campagne=autre)),
        ],
    }


def pages(modele, obj):
    version = obj.history.first().history_id
    return [
        reverse(f"admin:projets_{modele}_history", args=[obj.pk]),
        reverse(f"admin:projets_{modele}_simple_history", args=[obj.pk, version]),
    ]


def test_the_partner_reads_the_history_of_invited_campagnes_only(client, partenaire_cotech, objets):
    client.force_login(partenaire_cotech)
    for modele, obj in objets["visibles"]:
        for url in pages(modele, obj):
            assert client.get(url).status_code == 200, url
    for modele, obj in objets["caches"]:
        for url in pages(modele, obj):
            assert client.get(url).status_code == 403, url


def test_the_instruction_reads_every_history(client, instructeur, objets):
    client.force_login(instructeur)
    for modele, obj in objets["caches"]:
        url = pages(modele, obj)[0]  # the list of versions (the revert form trips the strict test templates)
        assert client.get(url).status_code == 200, url
