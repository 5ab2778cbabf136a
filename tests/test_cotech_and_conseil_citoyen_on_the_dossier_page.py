"""The staff page of a dossier shows every COTECH séance that examined it (date, who attended, collective avis,
observations) and the conseil citoyen's avis, and says plainly when there is none."""

import datetime

import pytest

from comptes.factories import UserFactory
from projets.enums import Avis
from projets.factories import AvisConseilCitoyenFactory, ExamenFactory, SeanceFactory, dossier_depose
from projets.selectors_cotech import cotech_du_dossier
from tests.helpers.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier():
    return dossier_depose()


def section(client, dossier):
    page = client.get(f"/instruction/dossiers/{dossier.pk}/").content.decode()
    debut = page.index('id="cotech"')
    return page[debut : page.index("</section>", debut)]


def test_every_seance_that_examined_the_dossier_is_shown(client, instructeur, dossier):
    mars = SeanceFactory(campagne=dossier.campagne, date=datetime.date(2031, 3, 12), lieu="Hôtel de ville")
    mars.participants.add(UserFactory(first_name="Camille", last_name="Martin", organisation="Ville", is_staff=True))
    mars.autres_participants = "Mme Durand, centre social\n"
    mars.save()
    avril = SeanceFactory(campagne=dossier.campagne, date=datetime.date(2031, 4, 2))
    ExamenFactory(seance=mars, dossier=dossier, avis=Avis.RESERVE, commentaire="Budget à préciser.")
    ExamenFactory(seance=avril, dossier=dossier, avis=Avis.FAVORABLE)
    client.force_login(instructeur)
    cotech = section(client, dossier)
    assert cotech.index("COTECH du 2 avril 2031") < cotech.index("COTECH du 12 mars 2031")  # newest first
    assert "Hôtel de ville" in cotech
    assert "Présences : Camille Martin (Ville), Mme Durand, centre social" in cotech
    assert "Réservé" in cotech and "Budget à préciser." in cotech and "Favorable" in cotech
    assert "Présences : non renseignées" in cotech  # avril: nobody recorded
    assert f'href="/instruction/cotech/{mars.pk}/"' in cotech


def test_the_conseil_citoyen_avis_is_shown_when_there_is_one(client, instructeur, dossier):
    AvisConseilCitoyenFactory(
        dossier=dossier, avis=Avis.DEFAVORABLE, texte="Action déjà portée par le centre social.", rendu_le="2031-03-01"
    )
    client.force_login(instructeur)
    cotech = section(client, dossier)
    assert "Avis rendu le 1 mars 2031 : <strong>Défavorable</strong>" in cotech
    assert "Action déjà portée par le centre social." in cotech
    assert "Aucun avis du conseil citoyen" not in cotech


def test_nothing_misleading_when_there_is_neither_seance_nor_avis(client, partenaire_cotech, dossier):
    dossier.campagne.partenaires_invites.add(partenaire_cotech)
    SeanceFactory(campagne=dossier.campagne)  # a séance that did not examine this dossier
    client.force_login(partenaire_cotech)
    cotech = section(client, dossier)
    assert "Ce dossier n'a été examiné par aucune séance du COTECH." in cotech
    assert "Aucun avis du conseil citoyen n'est enregistré pour ce dossier." in cotech
    for avis in Avis.labels:
        assert avis not in cotech


def test_the_section_runs_constant_queries(dossier):
    def grow():
        seance = SeanceFactory(campagne=dossier.campagne)
        seance.participants.add(UserFactory(is_staff=True), UserFactory(is_staff=True))
        ExamenFactory(seance=seance, dossier=dossier)
        AvisConseilCitoyenFactory(dossier=dossier)

    def lire():
        for examen in cotech_du_dossier(dossier=dossier)["examens"]:
            str(examen.seance), examen.presents

    grow()  # with no examen at all, the participants are not even fetched
    assert assert_constant_queries(lire, grow) == 3
