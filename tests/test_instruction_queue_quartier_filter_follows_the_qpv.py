"""The instruction queue's quartier filter reads the quartiers like the public list: a QPV lists the dossiers of
its sous-quartiers, a sous-quartier those for its whole QPV."""

import pytest

from enjeux.enums import TypeQuartier
from enjeux.factories import QuartierFactory
from projets.enums import EtatDossier
from projets.factories import CampagneFactory, DossierFactory

pytestmark = pytest.mark.django_db


def test_the_queue_quartier_filter_follows_the_qpv_and_its_sous_quartiers(client, instructeur):
    campagne = CampagneFactory()
    qpv = QuartierFactory(contrat=campagne.contrat, nom="Quartiers Nord", type=TypeQuartier.QPV)
    kennedy = QuartierFactory(contrat=campagne.contrat, nom="Kennedy", type=TypeQuartier.SOUS_QUARTIER, parent=qpv)
    begon = QuartierFactory(contrat=campagne.contrat, nom="Bégon", type=TypeQuartier.SOUS_QUARTIER, parent=qpv)
    for rang, (intitule, quartier) in enumerate(
        [("Tout le QPV", qpv), ("À Kennedy", kennedy), ("À Bégon", begon)], start=1
    ):
        dossier = DossierFactory(
            campagne=campagne, etat=EtatDossier.DEPOSE, numero=f"CV-X-{rang:04d}", intitule=intitule
        )
        dossier.quartiers.set([quartier])
    client.force_login(instructeur)

    def listed(quartier):
        page = client.get(f"/instruction/campagnes/{campagne.pk}/", {"quartier": quartier.pk}).context["page"]
        return {d.intitule for d in page}

    assert listed(qpv) == {"Tout le QPV", "À Kennedy", "À Bégon"}
    assert listed(kennedy) == {"Tout le QPV", "À Kennedy"}
