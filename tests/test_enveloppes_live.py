"""Live enveloppes of a campagne: per financeur, the enveloppe, what the submitted dossiers ask and what the
instruction proposes, the rest and whether it is exceeded; on the queue and on the staff page of a dossier."""

from decimal import Decimal

import pytest

from contratville.formatting import format_euros
from projets.enums import EtatDossier
from projets.factories import (
    CampagneFactory,
    DossierFactory,
    EnveloppeFactory,
    FinanceurFactory,
    LigneFinancementFactory,
    dossier_depose,
)
from projets.models import LigneFinancement
from projets.selectors_enveloppes import enveloppes_campagne
from tests.helpers.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def proposer(dossier, financeur, montant):
    LigneFinancement.objects.filter(dossier=dossier, financeur__nom=financeur).update(montant_propose=Decimal(montant))


@pytest.fixture
def campagne():
    """Two submitted dossiers (Ville 7 500 € and État 5 000 € asked each); État has a 8 000 € enveloppe."""
    premier = dossier_depose()
    second = dossier_depose(campagne=premier.campagne)
    proposer(premier, "État", "5000")
    proposer(second, "État", "4000")
    proposer(premier, "Ville", "7000")
    EnveloppeFactory(campagne=premier.campagne, financeur=FinanceurFactory(nom="État"), montant=Decimal("8000"))
    return premier.campagne


def par_nom(campagne):
    return {etat.financeur.nom: etat for etat in enveloppes_campagne(campagne=campagne)}


def test_each_financeur_shows_its_enveloppe_asked_proposed_and_rest(campagne):
    etats = par_nom(campagne)
    etat = etats["État"]
    assert (etat.enveloppe, etat.demande, etat.propose) == (Decimal("8000"), Decimal("10000"), Decimal("9000"))
    assert (etat.restant, etat.depassee, etat.depassement) == (Decimal("-1000"), True, Decimal("1000"))
    ville = etats["Ville"]
    assert (ville.enveloppe, ville.demande, ville.propose) == (None, Decimal("15000"), Decimal("7000"))
    assert (ville.restant, ville.depassee, ville.depassement) == (None, False, Decimal("0"))


def test_an_enveloppe_without_requests_is_listed_and_other_campagnes_are_not_counted(campagne):
    EnveloppeFactory(campagne=campagne, financeur=FinanceurFactory(nom="CAF"), montant=Decimal("10000"))
    ailleurs = FinanceurFactory(nom="Département")
    LigneFinancementFactory(dossier=DossierFactory(etat=EtatDossier.EN_INSTRUCTION), financeur=ailleurs)
    LigneFinancementFactory(
        dossier=DossierFactory(campagne=CampagneFactory(), etat=EtatDossier.EN_INSTRUCTION),
        financeur=FinanceurFactory(nom="État"),
        montant_demande=Decimal("99000"),
        montant_propose=Decimal("99000"),
    )
    etats = par_nom(campagne)
    assert set(etats) == {"Ville", "État", "CAF"}
    caf = etats["CAF"]
    assert (caf.demande, caf.propose, caf.restant, caf.depassee) == (0, 0, Decimal("10000"), False)
    assert etats["État"].propose == Decimal("9000")


@pytest.mark.parametrize("etat", [EtatDossier.BROUILLON, EtatDossier.RETIRE, EtatDossier.IRRECEVABLE])
def test_drafts_withdrawn_and_irrecevable_dossiers_take_no_share(campagne, etat):
    LigneFinancementFactory(
        dossier=DossierFactory(campagne=campagne, etat=etat),
        financeur=FinanceurFactory(nom="État"),
        montant_demande=Decimal("3000"),
        montant_propose=Decimal("3000"),
    )
    LigneFinancementFactory(
        dossier=DossierFactory(campagne=campagne, etat=etat), financeur=FinanceurFactory(nom="FIPD")
    )
    etats = par_nom(campagne)
    assert "FIPD" not in etats
    assert (etats["État"].demande, etats["État"].propose) == (Decimal("10000"), Decimal("9000"))


def test_the_selector_runs_two_queries_whatever_the_number_of_financeurs_and_dossiers(campagne):
    compteur = iter(range(100))

    def grow():
        n = next(compteur)
        financeur = FinanceurFactory(nom=f"Bailleur {n}")
        EnveloppeFactory(campagne=campagne, financeur=financeur)
        for _ in range(3):
            dossier = DossierFactory(campagne=campagne, etat=EtatDossier.EN_INSTRUCTION)
            LigneFinancementFactory(dossier=dossier, financeur=financeur, montant_propose=Decimal("100"))

    # The sums of the campagne grouped by financeur, then the financeurs with their enveloppe.
    assert assert_constant_queries(lambda: enveloppes_campagne(campagne=campagne), grow) == 2
    assert len(enveloppes_campagne(campagne=campagne)) == 5


def test_the_queue_shows_the_enveloppes_above_the_list(client, instructeur, campagne):
    client.force_login(instructeur)
    page = client.get(f"/instruction/campagnes/{campagne.pk}/").content.decode()
    tableau = page[page.index("Enveloppes des financeurs") : page.index("</table>")]
    assert format_euros(Decimal("8000")) in tableau
    assert f"dépassement de {format_euros(Decimal('1000'))}" in tableau
    assert "pas d'enveloppe" in tableau  # Ville


def test_the_dossier_page_shows_the_enveloppe_next_to_each_line(client, instructeur, campagne):
    dossier = campagne.dossiers.order_by("pk").first()
    client.force_login(instructeur)
    page = client.get(f"/instruction/dossiers/{dossier.pk}/").content.decode()
    assert (
        f"Enveloppe État : {format_euros(Decimal('8000'))} – proposé {format_euros(Decimal('9000'))} – "
        f"dépassement de {format_euros(Decimal('1000'))}" in page
    )
    assert f"Pas d'enveloppe saisie pour Ville dans cette campagne – proposé au total : {format_euros(7000)}" in page


def test_the_rest_is_shown_while_the_enveloppe_holds(client, instructeur, campagne):
    campagne.enveloppes.update(montant=Decimal("12000"))
    dossier = campagne.dossiers.order_by("pk").first()
    client.force_login(instructeur)
    page = client.get(f"/instruction/dossiers/{dossier.pk}/").content.decode()
    assert f"proposé {format_euros(Decimal('9000'))} – reste {format_euros(Decimal('3000'))}" in page
    assert "dépassement" not in page
