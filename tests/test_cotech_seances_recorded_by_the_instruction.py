"""The service politique de la ville records the COTECH séances of a campagne: date, lieu, who attended,
compte rendu, the dossiers examined and, for each, the collective avis and observations."""

import datetime
import itertools

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from comptes.factories import UserFactory
from projets.enums import Avis, EtatDossier
from projets.factories import CampagneFactory, DossierFactory, ExamenFactory, SeanceFactory
from projets.models import Examen, Seance
from projets.services.cotech import seance_add_dossiers, seance_create
from tests.helpers.queries import assert_constant_queries

pytestmark = pytest.mark.django_db

NUMEROS = itertools.count(1)


def dossier(campagne, etat=EtatDossier.EN_INSTRUCTION, **kwargs):
    return DossierFactory(campagne=campagne, etat=etat, numero=f"CV-TEST-{next(NUMEROS):04d}", **kwargs)


@pytest.fixture
def campagne():
    return CampagneFactory(libelle="Appel 2031")


@pytest.fixture
def seance(campagne):
    return SeanceFactory(campagne=campagne, date=datetime.date(2031, 3, 12))


def test_the_instructeur_records_a_seance_and_who_attended(client, instructeur, partenaire_cotech, campagne):
    instructeur.first_name, instructeur.last_name, instructeur.organisation = "Camille", "Martin", "Ville"
    instructeur.save()
    client.force_login(instructeur)
    assert client.get(reverse("cotech_seance_creer", args=[campagne.pk])).status_code == 200
    response = client.post(
        reverse("cotech_seance_creer", args=[campagne.pk]),
        {
            "date": "12/03/2031",
            "lieu": "Hôtel de ville",
            "participants": [instructeur.pk, partenaire_cotech.pk],
            "autres_participants": "Mme Durand, centre social\n\n",
            "compte_rendu": "Douze dossiers examinés.",
        },
    )
    seance = Seance.objects.get()
    assert response.status_code == 302 and response.url == reverse("cotech_seance", args=[seance.pk])
    assert (seance.campagne, seance.date, seance.lieu) == (campagne, datetime.date(2031, 3, 12), "Hôtel de ville")
    assert set(seance.participants.all()) == {instructeur, partenaire_cotech}
    assert seance.history.first().history_user == instructeur
    page = client.get(response.url).content.decode()
    for texte in ["COTECH du 12 mars 2031", "Camille Martin (Ville)", "Mme Durand, centre social", "Douze dossiers"]:
        assert texte in page
    liste = client.get(reverse("cotech_seances", args=[campagne.pk])).content.decode()
    assert "COTECH du 12 mars 2031" in liste and "Hôtel de ville" in liste


def test_a_seance_is_corrected_afterwards(client, instructeur, partenaire_cotech, seance):
    seance.participants.add(partenaire_cotech)
    client.force_login(instructeur)
    url = reverse("cotech_seance_modifier", args=[seance.pk])
    assert client.get(url).status_code == 200
    data = {"date": "13/03/2031", "lieu": "Maison de quartier", "participants": [instructeur.pk], "compte_rendu": ""}
    assert client.post(url, data).status_code == 302
    seance.refresh_from_db()
    assert (seance.date, seance.lieu) == (datetime.date(2031, 3, 13), "Maison de quartier")
    assert list(seance.participants.all()) == [instructeur]


def test_a_seance_needs_a_date_and_keeps_what_was_typed(client, instructeur, campagne):
    client.force_login(instructeur)
    response = client.post(reverse("cotech_seance_creer", args=[campagne.pk]), {"lieu": "Salle B", "date": "32/13"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Saisissez une date comme 15/03/2027." in page and 'value="Salle B"' in page
    assert not Seance.objects.exists()


def test_only_staff_accounts_are_recorded_as_attending(instructeur, porteur_a, campagne):
    with pytest.raises(ValidationError) as refus:
        seance_create(campagne=campagne, by=instructeur, date=datetime.date(2031, 3, 12), participants=[porteur_a])
    assert "participants" in refus.value.error_dict
    assert not Seance.objects.exists()


def test_dossiers_of_the_campagne_are_put_on_the_agenda_and_given_an_avis(client, instructeur, campagne, seance):
    a, b = dossier(campagne, intitule="Atelier cuisine"), dossier(campagne, intitule="Jardin partagé")
    brouillon = dossier(campagne, etat=EtatDossier.BROUILLON, intitule="Brouillon caché")
    retire = dossier(campagne, etat=EtatDossier.RETIRE, intitule="Dossier retiré")
    ailleurs = dossier(CampagneFactory(), intitule="Autre campagne")
    client.force_login(instructeur)
    page = client.get(reverse("cotech_seance", args=[seance.pk])).content.decode()
    assert "Atelier cuisine" in page and "Jardin partagé" in page
    for absent in (brouillon, retire, ailleurs):
        assert absent.intitule not in page

    response = client.post(reverse("cotech_seance_dossiers", args=[seance.pk]), {"dossiers": [a.pk, b.pk]})
    assert response.status_code == 302
    examen_a, examen_b = Examen.objects.filter(seance=seance).order_by("dossier__numero")
    response = client.post(
        reverse("cotech_seance_avis", args=[seance.pk]),
        {
            f"examen-{examen_a.pk}-avis": Avis.FAVORABLE,
            f"examen-{examen_a.pk}-commentaire": "  Bon ancrage dans le quartier.  ",
            f"examen-{examen_b.pk}-avis": Avis.RESERVE,
            f"examen-{examen_b.pk}-commentaire": "",
        },
    )
    assert response.status_code == 302
    examen_a.refresh_from_db(), examen_b.refresh_from_db()
    assert (examen_a.avis, examen_a.commentaire) == (Avis.FAVORABLE, "Bon ancrage dans le quartier.")
    assert (examen_b.avis, examen_b.commentaire) == (Avis.RESERVE, "")


def test_a_dossier_of_another_campagne_or_withdrawn_is_refused(client, instructeur, campagne, seance):
    ailleurs, retire = dossier(CampagneFactory()), dossier(campagne, etat=EtatDossier.RETIRE)
    for refuse in (ailleurs, retire):
        with pytest.raises(ValidationError):
            seance_add_dossiers(seance=seance, by=instructeur, dossiers=[refuse])
    client.force_login(instructeur)
    response = client.post(reverse("cotech_seance_dossiers", args=[seance.pk]), {"dossiers": [ailleurs.pk]})
    assert response.status_code == 200 and "alert-danger" in response.content.decode()
    assert not Examen.objects.exists()


def test_rows_absent_from_the_submitted_page_are_left_alone(client, instructeur, campagne, seance):
    vu = ExamenFactory(seance=seance)
    ajoute_depuis = ExamenFactory(seance=seance, avis=Avis.DEFAVORABLE, commentaire="Hors priorités.")
    client.force_login(instructeur)
    client.post(reverse("cotech_seance_avis", args=[seance.pk]), {f"examen-{vu.pk}-avis": Avis.FAVORABLE})
    ajoute_depuis.refresh_from_db()
    assert (ajoute_depuis.avis, ajoute_depuis.commentaire) == (Avis.DEFAVORABLE, "Hors priorités.")
    vu.refresh_from_db()
    assert vu.avis == Avis.FAVORABLE


def test_a_dossier_whose_avis_is_recorded_is_not_removed_by_mistake(client, instructeur, seance):
    avec_avis = ExamenFactory(seance=seance, avis=Avis.FAVORABLE)
    sans_avis = ExamenFactory(seance=seance)
    client.force_login(instructeur)
    response = client.post(reverse("cotech_examen_retirer", args=[seance.pk, avec_avis.pk]), follow=True)
    assert "effacez d&#x27;abord l&#x27;avis" in response.content.decode()
    assert Examen.objects.filter(pk=avec_avis.pk).exists()
    client.post(reverse("cotech_examen_retirer", args=[seance.pk, sans_avis.pk]))
    assert not Examen.objects.filter(pk=sans_avis.pk).exists()


def test_the_admin_refuses_a_dossier_of_another_campagne(client, administrateur, campagne, seance):
    ailleurs = dossier(CampagneFactory())
    client.force_login(administrateur)
    response = client.post(
        reverse("admin:projets_seance_change", args=[seance.pk]),
        {
            "comite": seance.comite_id,
            "campagne": campagne.pk,
            "date": "12/03/2031",
            "lieu": "",
            "autres_participants": "",
            "compte_rendu": "",
            "examens-TOTAL_FORMS": "1",
            "examens-INITIAL_FORMS": "0",
            "examens-0-dossier": ailleurs.pk,
            "examens-0-avis": "",
            "examens-0-commentaire": "",
        },
    )
    assert response.status_code == 200
    assert "Choisissez un dossier déposé de la campagne de la séance" in response.content.decode()
    assert not Examen.objects.exists()


def test_the_seance_page_and_list_run_constant_queries(client, instructeur, campagne, seance):
    def grow():
        ExamenFactory(seance=seance, avis=Avis.FAVORABLE)
        seance.participants.add(UserFactory(is_staff=True))
        autre = SeanceFactory(campagne=campagne)
        autre.participants.add(UserFactory(is_staff=True))
        ExamenFactory(seance=autre)

    client.force_login(instructeur)
    assert_constant_queries(lambda: client.get(reverse("cotech_seance", args=[seance.pk])), grow)
    assert_constant_queries(lambda: client.get(reverse("cotech_seances", args=[campagne.pk])), grow)
