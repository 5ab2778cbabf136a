import csv
import io
from decimal import Decimal

import openpyxl
import pytest

from projets.enums import EtatDossier
from projets.factories import CampagneFactory, DossierFactory, FinanceurFactory, LigneFinancementFactory
from tests.helpers.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def campagne():
    return CampagneFactory()


def url(campagne, query=""):
    return f"/instruction/campagnes/{campagne.pk}/{query}"


def depose(campagne, **kwargs):
    kwargs.setdefault("etat", EtatDossier.DEPOSE)
    dossier = DossierFactory(
        campagne=campagne, numero=f"CV-X-{DossierFactory._meta.model.objects.count():04d}", **kwargs
    )
    LigneFinancementFactory(dossier=dossier, financeur=FinanceurFactory(nom="Ville"), montant_demande=Decimal("1000"))
    return dossier


def test_only_staff_who_instruct_may_open_the_queue(client, campagne, porteur_a, conseil_citoyen, instructeur):
    assert client.get(url(campagne)).status_code == 302  # anonymous → login
    for user in (porteur_a, conseil_citoyen):
        client.force_login(user)
        assert client.get(url(campagne)).status_code == 403
    client.force_login(instructeur)
    assert client.get(url(campagne)).status_code == 200


def test_drafts_are_not_listed_and_states_are_counted(client, campagne, instructeur):
    depose(campagne, intitule="Atelier vélo")
    depose(campagne, intitule="Jardin partagé", etat=EtatDossier.EN_INSTRUCTION)
    DossierFactory(campagne=campagne, intitule="Brouillon secret")
    client.force_login(instructeur)
    content = client.get(url(campagne)).content.decode()
    assert "Atelier vélo" in content and "Jardin partagé" in content and "Brouillon secret" not in content
    assert "Déposé : 1" in content and "En instruction : 1" in content


def test_filters_by_state_financeur_renewal_and_text(client, campagne, instructeur):
    velo = depose(campagne, intitule="Atelier vélo")
    jardin = depose(campagne, intitule="Jardin partagé", etat=EtatDossier.EN_INSTRUCTION, reconduit_de=velo)
    caf = FinanceurFactory(nom="CAF")
    LigneFinancementFactory(dossier=jardin, financeur=caf)
    client.force_login(instructeur)

    def listed(query):
        page = client.get(url(campagne, query)).context["page"]
        return {d.intitule for d in page}

    assert listed("?etat=en_instruction") == {"Jardin partagé"}
    assert listed(f"?financeur={caf.pk}") == {"Jardin partagé"}
    assert listed("?reconduction=true") == {"Jardin partagé"}
    assert listed("?reconduction=false") == {"Atelier vélo"}
    assert listed("?q=vélo") == {"Atelier vélo"}


def test_the_queue_runs_a_constant_number_of_queries_whatever_the_page_size(client, campagne, instructeur):
    for _ in range(5):
        depose(campagne)
    client.force_login(instructeur)
    assert_constant_queries(lambda: client.get(url(campagne, "?par_page=200")), lambda: depose(campagne), times=10)
    small = len(client.get(url(campagne, "?par_page=25")).context["page"])
    assert small == 15


def test_csv_and_xlsx_exports_follow_the_filters(client, campagne, instructeur):
    depose(campagne, intitule="Atelier vélo")
    depose(campagne, intitule="Jardin partagé", etat=EtatDossier.EN_INSTRUCTION)
    client.force_login(instructeur)
    response = client.get(url(campagne, "?etat=depose&export=csv"))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][0] == "Numéro" and len(rows) == 2 and rows[1][1] == "Atelier vélo"
    assert rows[1][5:7] == ["non", ""]
    assert rows[1][11] == "1000,00" and rows[1][12] == "Ville : 1\u00a0000,00\u00a0€"
    response = client.get(url(campagne, "?export=xlsx"))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["Atelier vélo", "Jardin partagé"]


def test_staff_reach_each_queue_from_the_instruction_page(client, campagne, instructeur, porteur_a):
    depose(campagne)
    client.force_login(instructeur)
    content = client.get("/instruction/").content.decode()
    assert f'href="/instruction/campagnes/{campagne.pk}/"' in content and "1 dossier déposé" in content
    assert 'href="/instruction/"' in client.get("/").content.decode()
    client.force_login(porteur_a)
    assert client.get("/instruction/").status_code == 403
