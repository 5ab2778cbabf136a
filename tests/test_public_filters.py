"""Filters of the funded projects: each one, in the URL, without JavaScript; unknown values are ignored."""

import re
from decimal import Decimal

import pytest

from enjeux.enums import TypeQuartier
from enjeux.factories import AxeStrategiqueFactory, EnjeuFactory, QuartierFactory
from projets.enums import EtatDossier, FormeJuridique
from projets.factories import (
    CampagneFactory,
    DossierFactory,
    FinanceurFactory,
    LigneFinancementFactory,
    PorteurFactory,
    VoletFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def programmation():
    campagne = CampagneFactory(annee=2031)
    contrat = campagne.contrat
    emploi = EnjeuFactory(contrat=contrat, numero=3, titre="Accompagner les parcours professionnels")
    quartier_vie = EnjeuFactory(contrat=contrat, numero=5, titre="Mieux vivre son quartier")
    axe_emploi = AxeStrategiqueFactory(enjeu=emploi, numero=2, titre="Insertion")
    axe_vie = AxeStrategiqueFactory(enjeu=quartier_vie, numero=3, titre="Animation")
    nord = QuartierFactory(contrat=contrat, nom="Quartiers Nord", type=TypeQuartier.QPV)
    begon = QuartierFactory(contrat=contrat, nom="Bégon", type=TypeQuartier.SOUS_QUARTIER, parent=nord)
    quiniere = QuartierFactory(contrat=contrat, nom="Quinière", type=TypeQuartier.VEILLE_ACTIVE)
    volet = VoletFactory(campagne=campagne, code="2", titre="insertion")
    sous_volet = VoletFactory(campagne=campagne, code="2.1", titre="accompagnement", parent=volet)
    autre_volet = VoletFactory(campagne=campagne, code="3", titre="animation")
    ville = FinanceurFactory(nom="Ville")
    mairie_de_quartier = PorteurFactory(raison_sociale="Espace Quinière", forme_juridique=FormeJuridique.COLLECTIVITE)

    def action(intitule, axe, quartier, volet, porteur=None, financeur=None):
        dossier = DossierFactory(campagne=campagne, intitule=intitule, etat=EtatDossier.EN_COURS, publie=True,
                                 axes=[axe], volet=volet, **({"porteur": porteur} if porteur else {}))  # fmt: skip
        dossier.quartiers.set([quartier])
        if financeur:
            LigneFinancementFactory(dossier=dossier, financeur=financeur, montant_vote=Decimal("1000"))
        return dossier

    action("Chantier d'insertion", axe_emploi, begon, sous_volet, financeur=ville)
    action("Fête de quartier", axe_vie, quiniere, autre_volet, porteur=mairie_de_quartier)
    action("Jobs d'été", axe_emploi, nord, volet)
    return {"ville": ville, "nord": nord, "quiniere": quiniere, "porteur": mairie_de_quartier}


def intitules(client, query):
    content = client.get(f"/projets-finances/?{query}").content.decode()
    return set(re.findall(r'<a href="/projets-finances/actions/\d+/">([^<]+)</a>', content))


def test_volet_includes_its_sous_volets(client, programmation):
    assert intitules(client, "volet=2") == {"Chantier d&#x27;insertion", "Jobs d&#x27;été"}
    assert intitules(client, "volet=2.1") == {"Chantier d&#x27;insertion"}


def test_enjeu_and_axe(client, programmation):
    assert intitules(client, "enjeu=5") == {"Fête de quartier"}
    assert intitules(client, "axe=3.2") == {"Chantier d&#x27;insertion", "Jobs d&#x27;été"}


def test_a_quartier_includes_its_sous_quartiers(client, programmation):
    assert intitules(client, f"quartier={programmation['nord'].pk}") == {
        "Chantier d&#x27;insertion",
        "Jobs d&#x27;été",
    }
    assert intitules(client, f"quartier={programmation['quiniere'].pk}") == {"Fête de quartier"}


def test_financeur_type_and_porteur(client, programmation):
    assert intitules(client, f"financeur={programmation['ville'].pk}") == {"Chantier d&#x27;insertion"}
    assert intitules(client, "type=collectivite") == {"Fête de quartier"}
    assert intitules(client, f"porteur={programmation['porteur'].pk}") == {"Fête de quartier"}


def test_filters_combine_and_unknown_values_are_ignored(client, programmation):
    assert intitules(client, f"volet=2&quartier={programmation['nord'].pk}&enjeu=3") == {
        "Chantier d&#x27;insertion",
        "Jobs d&#x27;été",
    }
    assert len(intitules(client, "volet=99&enjeu=x&quartier=abc&page=zz")) == 3


def test_the_form_keeps_the_chosen_values(client, programmation):
    content = client.get(f"/projets-finances/?volet=2.1&quartier={programmation['nord'].pk}&q=chantier").content
    content = content.decode()
    assert '<option value="2.1" selected>' in content
    assert f'<option value="{programmation["nord"].pk}" selected>' in content
    assert 'value="chantier"' in content


def test_javascript_gets_the_results_fragment_only(client, programmation):
    response = client.get("/projets-finances/?volet=3", headers={"X-Fragment": "resultats"})
    content = response.content.decode()
    assert "<html" not in content and "Fête de quartier" in content
    assert "X-Fragment" in response["Vary"]


def test_pagination_keeps_the_filters(client, programmation, settings):
    from projets import selectors_public

    campagne = programmation["ville"].lignes_financement.get().dossier.campagne
    for rang in range(selectors_public.PAR_PAGE + 5):
        DossierFactory(campagne=campagne, intitule=f"Action {rang}", etat=EtatDossier.RETENU, publie=True)
    content = client.get("/projets-finances/?q=Action").content.decode()
    assert "page 1 sur 2" in content
    assert 'href="?q=Action&amp;page=2"' in content
    assert "page 2 sur 2" in client.get("/projets-finances/?q=Action&page=2").content.decode()
