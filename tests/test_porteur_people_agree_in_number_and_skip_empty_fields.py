"""The récépissé says « 1 salarié·e (0,8 ETPT) » and leaves out what the porteur did not fill in, never
« 1 salarié·es (0 ETPT) » nor a made-up 0."""

import pytest

from contratville.formatting import effectif
from contratville.templatetags.formats_fr import moyens_humains
from projets.factories import PorteurMembreFactory, dossier_pret_a_deposer
from projets.services.depots import depot_recepisse_pdf
from projets.services.dossiers import dossier_submit
from tests.helpers.pdf import pdf_texte


@pytest.mark.parametrize(
    ("nombre", "attendu"),
    [(None, ""), ("", ""), (0, "0 salarié·e"), (1, "1 salarié·e"), (2, "2 salarié·es"), ("1.50", "1,5 salarié·e"),
     ("12.00", "12 salarié·es"), (10, "10 salarié·es")],
)  # fmt: skip
def test_a_count_agrees_in_number_and_an_empty_one_says_nothing(nombre, attendu):
    assert effectif(nombre, "salarié·e", "salarié·es") == attendu


@pytest.mark.parametrize(
    ("porteur", "attendu"),
    [
        ({}, "—"),
        ({"nombre_salaries": None, "salaries_etpt": None, "nombre_benevoles": 3}, "3 bénévoles"),
        ({"nombre_salaries": 1, "salaries_etpt": "0.80"}, "1 salarié·e (0,8 ETPT)"),
        ({"nombre_salaries": 1}, "1 salarié·e"),
        (
            {"nombre_adherents": 120, "nombre_benevoles": 1, "nombre_salaries": 4, "salaries_etpt": "3.50",
             "nombre_volontaires": 2},
            "120 adhérent·es, 1 bénévole, 4 salarié·es (3,5 ETPT), 2 volontaires",
        ),
    ],
)  # fmt: skip
def test_the_people_of_a_porteur_list_only_what_is_filled_in(porteur, attendu):
    assert moyens_humains(porteur) == attendu


@pytest.mark.django_db
def test_the_receipt_of_a_porteur_with_one_employee_and_no_other_figure():
    dossier = dossier_pret_a_deposer()
    porteur = dossier.porteur
    porteur.nombre_adherents = porteur.nombre_benevoles = porteur.nombre_volontaires = porteur.salaries_etpt = None
    porteur.nombre_salaries = 1
    porteur.save()
    depot = dossier_submit(dossier=dossier, by=PorteurMembreFactory(porteur=porteur).user)
    texte = " ".join(pdf_texte(depot_recepisse_pdf(depot=depot), "recepisse-effectifs", images=False).split())
    assert "Moyens humains 1 salarié·e Budget" in texte
    assert "salarié·es" not in texte and "ETPT" not in texte and "0 adhérent" not in texte
