"""The data of the programmation, the procès-verbal and the letters: as many queries for 4 dossiers as for 40."""

from decimal import Decimal

import pytest

from enjeux.factories import AxeStrategiqueFactory, EnjeuFactory, QuartierFactory
from projets.enums import Decision, EtatDossier
from projets.factories import DecisionLigneFactory, DossierFactory, LigneFinancementFactory, PorteurFactory
from projets.selectors_lettres import lettres_de_seance
from projets.selectors_proces_verbal import proces_verbal_de_seance
from projets.selectors_programmation import programmation_campagne
from tests.helpers.copil_clos import copil_clos
from tests.helpers.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def copil():
    return copil_clos()


@pytest.fixture
def ajouter(copil):
    """Three more decided dossiers, each from a new porteur, with two axes, two quartiers and two lines."""

    numeros = iter(range(100, 200))

    def grow():
        contrat = copil.campagne.contrat
        for etat, decision in [
            (EtatDossier.RETENU, Decision.ACCORDE),
            (EtatDossier.NON_RETENU, Decision.REFUSE),
            (EtatDossier.INSTRUIT, Decision.AJOURNE),
        ]:
            dossier = DossierFactory(
                campagne=copil.campagne,
                porteur=PorteurFactory(),
                etat=etat,
                axes=[AxeStrategiqueFactory(enjeu=EnjeuFactory(contrat=contrat, numero=next(numeros))) for _ in "ab"],
            )
            dossier.quartiers.set([QuartierFactory(contrat=contrat) for _ in range(2)])
            for financeur in list(copil.financeurs.values())[:2]:
                ligne = LigneFinancementFactory(dossier=dossier, financeur=financeur, montant_propose=Decimal("900"))
                DecisionLigneFactory(seance=copil.seance, ligne=ligne, decision=decision, motif="Motif")

    return grow


def test_the_programmation_reads_a_fixed_number_of_queries(copil, ajouter):
    requetes = assert_constant_queries(lambda: programmation_campagne(campagne=copil.campagne), ajouter, times=10)
    assert requetes <= 8


def test_the_proces_verbal_reads_a_fixed_number_of_queries(copil, ajouter):
    requetes = assert_constant_queries(lambda: proces_verbal_de_seance(seance=copil.seance), ajouter, times=10)
    assert requetes <= 12


def test_the_letters_read_a_fixed_number_of_queries(copil, ajouter):
    requetes = assert_constant_queries(lambda: lettres_de_seance(seance=copil.seance), ajouter, times=10)
    assert requetes <= 3
