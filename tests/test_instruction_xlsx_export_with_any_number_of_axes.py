"""The staff XLSX export of a campagne answers whatever the dossiers hold: no axe, several axes (its columns are
read by name, never by position)."""

import io
from decimal import Decimal

import openpyxl
import pytest

from enjeux.factories import AxeStrategiqueFactory
from projets.enums import EtatDossier
from projets.factories import CampagneFactory, DossierFactory, LigneFinancementFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("nombre_axes", [0, 1, 2])
def test_the_xlsx_export_answers_with_any_number_of_axes(client, instructeur, nombre_axes):
    campagne = CampagneFactory()
    axes = [AxeStrategiqueFactory(enjeu__contrat=campagne.contrat, numero=n) for n in range(1, nombre_axes + 1)]
    dossier = DossierFactory(campagne=campagne, etat=EtatDossier.DEPOSE, numero="CV-X-0001")
    dossier.axes.set(axes)
    LigneFinancementFactory(dossier=dossier, montant_demande=Decimal("1500.50"))
    client.force_login(instructeur)

    response = client.get(f"/instruction/campagnes/{campagne.pk}/?export=xlsx")

    assert response.status_code == 200
    entete, ligne = openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
    valeurs = dict(zip(entete, ligne, strict=True))
    assert (valeurs["Axes"] or "") == ", ".join(axe.code for axe in axes)
    assert valeurs["Montant demandé (€)"] == 1500.5
