import datetime

import pytest

from projets.enums import EtatDossier
from projets.factories import CampagneFactory
from projets.models import Dossier
from projets.selectors_public import statut_public

AUJOURDHUI = datetime.date(2031, 6, 15)


def dossier(etat=EtatDossier.RETENU, debut=None, fin=None, annee=2031):
    return Dossier(etat=etat, date_debut=debut, date_fin=fin, campagne=CampagneFactory.build(annee=annee))


@pytest.mark.parametrize(
    ("action", "attendu"),
    [
        (dossier(debut=datetime.date(2031, 9, 1), fin=datetime.date(2031, 12, 1)), "À venir"),
        (dossier(debut=datetime.date(2031, 1, 1), fin=datetime.date(2031, 12, 31)), "En cours"),
        (dossier(debut=datetime.date(2031, 1, 1), fin=datetime.date(2031, 3, 31)), "Réalisé"),
        (dossier(annee=2032), "À venir"),  # no dates: the programmation's year
        (dossier(annee=2031), "En cours"),
        (dossier(annee=2021), "Réalisé"),
        (dossier(etat=EtatDossier.REALISE, annee=2032), "Réalisé"),
        (dossier(etat=EtatDossier.TERMINE, annee=2031), "Terminé"),
        (dossier(etat=EtatDossier.BILAN_VALIDE, annee=2031), "Terminé"),
    ],
)
def test_the_public_status(action, attendu):
    assert statut_public(action, today=AUJOURDHUI) == attendu
