"""The headline figures of the public list are cached, and a change to what the site shows refreshes them at
once: a séance closed, an action published, a voted amount changed. A porteur's draft saved does not."""

from decimal import Decimal

import pytest

from projets.enums import EtatDossier, StatutSeance
from projets.factories import CampagneFactory, DossierFactory, FinanceurFactory, LigneFinancementFactory, SeanceFactory
from projets.selectors_public import chiffres_programmation
from tests.helpers.queries import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def campagne():
    campagne = CampagneFactory(annee=2031)
    dossier = DossierFactory(campagne=campagne, etat=EtatDossier.RETENU, publie=True)
    LigneFinancementFactory(dossier=dossier, financeur=FinanceurFactory(nom="Ville"), montant_vote=Decimal("1000"))
    return campagne


def test_figures_are_read_once_then_from_the_cache(campagne):
    assert chiffres_programmation(campagne=campagne).montant == Decimal("1000")
    assert count_queries(lambda: chiffres_programmation(campagne=campagne)) == 0


def test_a_published_action_refreshes_the_figures(campagne):
    chiffres_programmation(campagne=campagne)
    dossier = DossierFactory(campagne=campagne, etat=EtatDossier.RETENU, publie=True)
    LigneFinancementFactory(dossier=dossier, financeur=FinanceurFactory(nom="État"), montant_vote=Decimal("500"))
    chiffres = chiffres_programmation(campagne=campagne)
    assert (chiffres.nombre, chiffres.montant) == (2, Decimal("1500"))


def test_an_amended_amount_refreshes_the_figures(campagne):
    chiffres_programmation(campagne=campagne)
    ligne = campagne.dossiers.get().lignes_financement.get()
    ligne.montant_vote = Decimal("800")
    ligne.save(update_fields=["montant_vote"])
    assert chiffres_programmation(campagne=campagne).montant == Decimal("800")


def test_a_closed_seance_refreshes_the_figures(campagne):
    chiffres_programmation(campagne=campagne)
    seance = SeanceFactory(campagne=campagne)
    ligne = campagne.dossiers.get().lignes_financement.get()
    type(ligne).objects.filter(pk=ligne.pk).update(montant_vote=Decimal("700"))  # reported without signals
    seance.statut = StatutSeance.CLOSE
    seance.save(update_fields=["statut"])
    assert chiffres_programmation(campagne=campagne).montant == Decimal("700")


def test_a_draft_saved_keeps_the_cache(campagne):
    chiffres_programmation(campagne=campagne)
    DossierFactory(campagne=campagne, intitule="Brouillon en cours de saisie")
    assert count_queries(lambda: chiffres_programmation(campagne=campagne)) == 0
