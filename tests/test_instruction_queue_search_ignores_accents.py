"""The instruction queue's search box finds « Atelier vélo » from « VELO », and a structure from its name typed
without accents, like the public search (projets/recherche.py), on SQLite and PostgreSQL."""

import pytest

from projets.enums import EtatDossier
from projets.factories import CampagneFactory, DossierFactory, PorteurFactory

pytestmark = pytest.mark.django_db


def test_the_queue_search_ignores_case_and_accents(client, instructeur):
    campagne = CampagneFactory()
    DossierFactory(campagne=campagne, etat=EtatDossier.DEPOSE, numero="CV-X-0001", intitule="Atelier vélo")
    DossierFactory(
        campagne=campagne, etat=EtatDossier.DEPOSE, numero="CV-X-0002", intitule="Permanences",
        porteur=PorteurFactory(raison_sociale="Maison de Bégon"),
    )  # fmt: skip
    DossierFactory(campagne=campagne, etat=EtatDossier.DEPOSE, numero="CV-X-0003", intitule="Football")
    client.force_login(instructeur)

    def listed(texte):
        page = client.get(f"/instruction/campagnes/{campagne.pk}/", {"q": texte}).context["page"]
        return {d.intitule for d in page}

    assert listed("VELO") == {"Atelier vélo"}
    assert listed("begon") == {"Permanences"}
    assert listed("cv-x-0003") == {"Football"}
