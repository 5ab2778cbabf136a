"""A resident choosing their sous-quartier sees its actions and those of the whole QPV it belongs to, the latter
labelled as such; a year whose amounts are not published says why it has no financeur to filter by."""

import html
import io
import itertools
import re
from decimal import Decimal

import pytest
from django.core.management import call_command

from enjeux.enums import TypeQuartier
from enjeux.factories import QuartierFactory
from projets.enums import EtatDossier
from projets.factories import CampagneFactory, DossierFactory, FinanceurFactory, LigneFinancementFactory
from tests.helpers.queries import count_queries

pytestmark = pytest.mark.django_db
_rang = itertools.count()


@pytest.fixture
def nord():
    """Quartiers Nord (QPV) with Kennedy and Bégon; one action for the whole QPV, one per sous-quartier."""
    campagne = CampagneFactory(annee=2031)
    qpv = QuartierFactory(contrat=campagne.contrat, nom="Quartiers Nord", type=TypeQuartier.QPV)
    kennedy = QuartierFactory(contrat=campagne.contrat, nom="Kennedy", type=TypeQuartier.SOUS_QUARTIER, parent=qpv)
    begon = QuartierFactory(contrat=campagne.contrat, nom="Bégon", type=TypeQuartier.SOUS_QUARTIER, parent=qpv)

    def action(intitule, quartier):
        dossier = DossierFactory(campagne=campagne, etat=EtatDossier.RETENU, publie=True, intitule=intitule)
        dossier.quartiers.set([quartier])
        return dossier

    action("Correspondants de nuit", qpv)
    action("Jardin de Kennedy", kennedy)
    action("Fête de Bégon", begon)
    return {"campagne": campagne, "qpv": qpv, "kennedy": kennedy, "begon": begon, "action": action}


def cartes(client, query) -> dict[str, str]:
    """Title → text of each card of the list."""
    content = client.get(f"/projets-finances/?annee=2031&{query}").content.decode()
    morceaux = re.findall(r'<li class="carte-action">(.*?)</li>', content, flags=re.S)
    return {
        html.unescape(re.search(r'<a href="/projets-finances/actions/\d+/">(.*?)</a>', m).group(1)): " ".join(
            html.unescape(re.sub(r"<[^>]+>", " ", m)).split()
        )
        for m in morceaux
    }


def test_a_sous_quartier_lists_its_actions_and_those_of_its_whole_qpv_labelled(client, nord):
    vues = cartes(client, f"quartier={nord['kennedy'].pk}")
    assert set(vues) == {"Correspondants de nuit", "Jardin de Kennedy"}
    assert "pour tout le QPV Quartiers Nord" in vues["Correspondants de nuit"]
    assert "pour tout" not in vues["Jardin de Kennedy"]


def test_the_qpv_lists_its_own_and_every_sous_quartier_action_without_the_label(client, nord):
    vues = cartes(client, f"quartier={nord['qpv'].pk}")
    assert set(vues) == {"Correspondants de nuit", "Jardin de Kennedy", "Fête de Bégon"}
    assert not any("pour tout" in texte for texte in vues.values())


def test_an_action_of_both_the_qpv_and_the_sous_quartier_is_not_labelled_as_for_the_whole_qpv(client, nord):
    double = nord["action"]("Atelier vélo", nord["kennedy"])
    double.quartiers.add(nord["qpv"])
    assert "pour tout" not in cartes(client, f"quartier={nord['kennedy'].pk}")["Atelier vélo"]


def test_a_sous_quartier_list_reads_in_constant_queries(client, nord):
    url = f"/projets-finances/?annee=2031&quartier={nord['kennedy'].pk}"

    def afficher():
        client.get(url)  # fills the cache of the figures and filters
        return count_queries(lambda: client.get(f"{url}&rendu={next(_rang)}"))

    avant = afficher()
    for rang in range(25):
        nord["action"](f"Action n° {rang}", nord["qpv"] if rang % 2 else nord["kennedy"])
    assert afficher() == avant


def test_a_year_without_published_amounts_says_why_there_is_no_financeur_to_choose(client, nord):
    content = html.unescape(client.get("/projets-finances/?annee=2031").content.decode())
    assert 'name="financeur"' not in content
    assert "les montants votés par financeur ne sont pas publiés pour cette programmation" in content


def test_a_year_with_voted_amounts_offers_its_financeurs(client, nord):
    dossier = nord["campagne"].dossiers.first()
    LigneFinancementFactory(dossier=dossier, financeur=FinanceurFactory(nom="État"), montant_vote=Decimal("1000"))
    content = html.unescape(client.get("/projets-finances/?annee=2031").content.decode())
    assert 'name="financeur"' in content and ">État</option>" in content
    assert "ne sont pas publiés pour cette programmation, ce filtre" not in content


def test_kennedy_shows_the_47_demo_actions_of_quartiers_nord(client, referentiel, settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())
    from enjeux.models import Quartier

    kennedy = Quartier.objects.get(nom="Kennedy")
    content = html.unescape(client.get(f"/projets-finances/?annee=2021&quartier={kennedy.pk}").content.decode())
    assert re.search(r'<h2 id="titre-resultats"[^>]*>\s*47 actions sur 47', content)
    assert content.count("pour tout le QPV Quartiers Nord") == 20  # every card of the first page
