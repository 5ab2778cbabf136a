"""The action's status is the same in the suivi and on the public site, « bilan déposé » included (réalisé until
the bilan is validated), and a bilan returned to the porteur takes the dossier back to « réalisé »."""

import datetime

import pytest
from django.utils import timezone

from projets.enums import EtatDossier
from projets.factories import DossierFactory
from projets.selectors_public import statut_public
from suivi.enums import StatutAction
from suivi.selectors import statut_action
from suivi.services.bilans import bilan_return
from tests.helpers.suivi import bilan_depose, dossier_en_cours

pytestmark = pytest.mark.django_db

AUJOURDHUI = datetime.date(2031, 6, 15)
PERIODES = {
    "à venir": (datetime.date(2031, 9, 1), datetime.date(2031, 12, 1)),
    "en cours": (datetime.date(2031, 1, 1), datetime.date(2031, 12, 31)),
    "passée": (datetime.date(2031, 1, 1), datetime.date(2031, 3, 31)),
}
ETATS_SUIVIS = [
    EtatDossier.RETENU,
    EtatDossier.CONVENTIONNE,
    EtatDossier.REALISE,
    EtatDossier.BILAN_DEPOSE,
    EtatDossier.BILAN_VALIDE,
    EtatDossier.TERMINE,
]


@pytest.mark.parametrize("etat", ETATS_SUIVIS)
@pytest.mark.parametrize("periode", list(PERIODES))
def test_the_suivi_and_the_public_site_give_the_same_status(etat, periode):
    debut, fin = PERIODES[periode]
    dossier = DossierFactory(etat=etat, campagne__annee=2031, date_debut=debut, date_fin=fin)
    assert statut_public(dossier, today=AUJOURDHUI) == statut_action(dossier=dossier, today=AUJOURDHUI).label


def test_a_filed_bilan_is_realise_until_validated():
    dossier = DossierFactory(etat=EtatDossier.BILAN_DEPOSE, campagne__annee=2031)
    assert statut_public(dossier, today=AUJOURDHUI) == "Réalisé"
    assert statut_action(dossier=dossier, today=AUJOURDHUI) == StatutAction.REALISE


def test_a_returned_bilan_takes_the_dossier_back_to_realise(membre_copil, instructeur, porteur_a):
    dossier = dossier_en_cours(membre_copil=membre_copil, instructeur=instructeur, porteuse=porteur_a)
    bilan = bilan_depose(dossier=dossier, porteuse=porteur_a)
    dossier.refresh_from_db()
    assert dossier.etat == EtatDossier.BILAN_DEPOSE
    bilan_return(bilan=bilan, by=instructeur, motif="Joignez les feuilles d'émargement.")
    dossier.refresh_from_db()
    today = timezone.localdate()
    assert dossier.etat == EtatDossier.REALISE
    assert dossier.transitions.latest("le", "pk").motif == "Bilan à compléter"
    assert statut_public(dossier, today=today) == statut_action(dossier=dossier, today=today).label == "Réalisé"
