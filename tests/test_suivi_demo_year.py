"""The demo follows last year's programmation (conventions, avances, bilans, one late, one cancelled), and every
report generated from it has content whose totals are the database sums; the PDF pages are kept as PNG under
tests/artifacts/ to be looked at."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import Sum
from django.utils import timezone

from enjeux.models import ContratDeVille
from projets.enums import ETATS_FINANCES
from projets.models import LigneFinancement
from suivi.enums import EtatBilan, FormatRapport, TypeRapport
from suivi.models import Bilan, Convention, EngagementAnnuel, SuiviAction, Versement
from suivi.selectors import bilans_attendus
from suivi.services.rapports import FORMATS_PAR_TYPE
from tests.helpers.pdf import ligne_de, montants, pdf_texte
from tests.helpers.rapports import csv_lignes, feuille, generer, ligne_xlsx

pytestmark = pytest.mark.django_db
ANNEE = timezone.localdate().year - 1


@pytest.fixture
def demo(referentiel, settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())
    return ContratDeVille.objects.get()


def test_the_demo_year_is_followed(demo):
    finances = ETATS_FINANCES
    assert LigneFinancement.objects.filter(dossier__campagne__annee=ANNEE, dossier__etat__in=finances).count() >= 24
    assert Convention.objects.filter(annee_debut=ANNEE, date_signature__isnull=False).count() == 11
    assert (
        Versement.objects.filter(ligne__dossier__campagne__annee=ANNEE, type="avance")
        .exclude(date_versement=None)
        .exists()
    )
    assert Bilan.objects.filter(etat=EtatBilan.VALIDE).count() == 3
    assert Bilan.objects.filter(etat=EtatBilan.DEPOSE).count() == 2
    today = timezone.localdate()
    assert [a.dossier.campagne.annee for a in bilans_attendus(today=today) if a.en_retard(today)] == [ANNEE]
    assert SuiviAction.objects.filter(annulee_le__isnull=False).count() == 1


def test_loading_the_demo_twice_adds_no_suivi(demo):
    avant = (Convention.objects.count(), Versement.objects.count(), Bilan.objects.count())
    call_command("load_demo", stdout=io.StringIO())
    assert (Convention.objects.count(), Versement.objects.count(), Bilan.objects.count()) == avant


def test_every_report_from_the_demo_has_the_database_totals(demo, instructeur, django_capture_on_commit_callbacks):
    lignes = LigneFinancement.objects.filter(dossier__campagne__annee=ANNEE, dossier__etat__in=ETATS_FINANCES)
    vote = lignes.aggregate(s=Sum("montant_vote"))["s"]
    demande = lignes.aggregate(s=Sum("montant_demande"))["s"]
    verse = Versement.objects.filter(ligne__in=lignes).aggregate(s=Sum("montant_verse"))["s"]
    assert vote > 0 and verse > 0

    def produire(type, format):
        return generer(type=type, format=format, contrat=demo, annee=ANNEE, par=instructeur,
                       capture=django_capture_on_commit_callbacks)  # fmt: skip

    fichiers = {(t, f): produire(t, f) for t, formats in FORMATS_PAR_TYPE.items() for f in formats}
    textes = {t: pdf_texte(fichiers[(t, f)], f"demo-{t}") for (t, f) in fichiers if f == FormatRapport.PDF}

    assert tuple(montants(ligne_de(textes[TypeRapport.ETAT_ANNEXE], "Total général"))) == (demande, vote, verse)
    assert montants(ligne_de(textes[TypeRapport.BILAN_ANNUEL], "Total général"))[:3] == [demande, vote, verse]
    assert montants(ligne_de(textes[TypeRapport.OBJECTIFS], "Total général"))[-1] == vote
    engage = EngagementAnnuel.objects.filter(annee=ANNEE).aggregate(s=Sum("montant"))["s"]
    assert montants(ligne_de(textes[TypeRapport.CONVENTIONNEES], f"Total {ANNEE}"))[-1] == engage

    etat = ligne_xlsx(
        feuille(fichiers[(TypeRapport.ETAT_ANNEXE, FormatRapport.XLSX)], "Par financeur"), "Total général"
    )
    assert tuple(Decimal(str(x)) for x in etat[3:]) == (demande, vote, verse)
    objectifs = feuille(fichiers[(TypeRapport.OBJECTIFS, FormatRapport.XLSX)], f"Objectifs {ANNEE}")
    assert Decimal(str(ligne_xlsx(objectifs, "Total")[9])) == vote
    actions = csv_lignes(fichiers[(TypeRapport.ACTIONS_ETAT, FormatRapport.CSV)])
    assert all(a["SIRET"] for a in actions)
    assert len(actions) == 12 and {a["Statut"] for a in actions} >= {"Annulé", "Terminé"}
    assert sum(Decimal(a["Total voté"].replace(",", ".")) for a in actions) == vote
    bilan = feuille(fichiers[(TypeRapport.BILAN_ANNUEL, FormatRapport.XLSX)], "Par financeur")
    assert tuple(Decimal(str(x)) for x in ligne_xlsx(bilan, "Total")[2:5]) == (demande, vote, verse)


def test_the_dashboard_opens_on_the_demo_year(demo, client, instructeur):
    client.force_login(instructeur)
    page = client.get("/suivi/").content.decode()
    assert f"<h1>Suivi des actions {ANNEE}</h1>" in page
    assert "12 actions financée" in page
