"""A COPIL member runs the séance in the admin: presence and quorum, votes with live totals, no vote where
recused, batch validation, closing; every page passes axe. Screenshots in tests/artifacts/."""

import re
import subprocess
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from projets.enums import Decision, EtatDossier, StatutSeance
from projets.factories import PorteurMembreFactory
from projets.models import DecisionLigne
from projets.services import copil
from tests.browser.conftest import ARTIFACTS, assert_accessible, login, screenshot
from tests.helpers.copil import seance_copil

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def seance(membre_copil, administrateur):
    scenario = seance_copil(secretaire=administrateur, titulaires=3, presents=0, dossiers=3)
    siege = scenario.membres[0]
    siege.user, siege.nom = membre_copil, "Claire Moreau"
    siege.save()
    # She sits on the board of the third dossier's association: recused there, decided by the others.
    recuse = scenario.dossiers[2]
    PorteurMembreFactory(porteur=recuse.porteur, user=membre_copil)
    copil.recusations_automatiques(seance=scenario.seance, by=administrateur)
    copil.propositions_valider(seance=scenario.seance, dossiers=[recuse], by=administrateur)
    return scenario


def test_copil_member_runs_the_seance(page, membre_copil, seance):
    url = f"/admin/projets/seance/{seance.seance.pk}/change/"
    login(page, membre_copil.email, url)
    expect(page.locator("#quorum")).to_contain_text("Quorum non atteint : 0 siège(s) représenté(s) sur 3, 2 requis.")
    assert_accessible(page)

    # Presence is ticked at the start of the meeting.
    presences = page.locator("input[name$='-present']")
    presences.nth(0).check()
    presences.nth(1).check()
    page.get_by_role("button", name="Enregistrer et continuer les modifications").click()
    expect(page.locator("#quorum")).to_contain_text("Quorum atteint : 2 siège(s) représenté(s) sur 3, 2 requis.")
    screenshot(page, "copil-seance")

    page.get_by_role("link", name="Ouvrir l'ordre du jour et voter").click()
    recuse = seance.dossiers[2]
    bloc = page.locator(f"#dossier-{recuse.pk}")
    expect(bloc).to_contain_text("Vous êtes déporté ou déportée : pas de vote sur ce dossier.")
    expect(bloc.locator("select")).to_have_count(0)
    assert_accessible(page)

    # A vote typed the French way updates the État total before saving.
    premier = seance.dossiers[0]
    etat = seance.financeurs[0]
    ligne = page.locator(f"#dossier-{premier.pk} tr.ligne-vote[data-financeur='{etat.pk}']")
    ligne.locator("select").select_option("accorde")
    ligne.locator("input.vote-montant").fill("7 000")
    total_etat = page.locator(f"#totaux tr[data-financeur='{etat.pk}'] .total-vote")
    expect(total_etat).to_have_text(re.compile(r"15\s000,00\s€"))  # 8 000 (recused dossier) + 7 000
    page.get_by_role("button", name="Enregistrer les décisions").click()
    expect(page.locator(".messagelist")).to_contain_text("1 décision(s) enregistrée(s).")

    # The other dossiers take the instruction's proposals in one go.
    page.locator(f"#choix-{premier.pk}").check()
    page.locator(f"#choix-{seance.dossiers[1].pk}").check()
    page.locator("#action").select_option("valider_propositions")
    page.get_by_role("button", name="Exécuter").click()
    expect(page.locator(".messagelist")).to_contain_text("Propositions validées pour 3 ligne(s).")
    screenshot(page, "copil-vote")

    page.goto(f"/admin/projets/seance/{seance.seance.pk}/clore/")
    expect(page.locator("#content-main")).to_contain_text("Déports")
    assert_accessible(page)
    page.get_by_role("button", name="Clore la séance").click()
    expect(page.locator(".messagelist")).to_contain_text("La séance est close")
    screenshot(page, "copil-seance-close")

    # The programmation: launched from the séance, followed on the job's page, downloaded, read back.
    page.goto(url)
    page.get_by_role("button", name="Générer : Programmation (PDF)").click()
    expect(page.locator("[data-travail-texte]")).to_contain_text("Terminé", timeout=60_000)
    expect(page.locator("progress")).to_have_attribute("value", "100")
    assert_accessible(page)
    screenshot(page, "copil-programmation-travail")
    with page.expect_download() as telechargement:
        page.get_by_role("link", name=re.compile("^Télécharger")).click()
    pdf = ARTIFACTS / "copil-programmation.pdf"
    telechargement.value.save_as(pdf)
    texte = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert premier.intitule[:20] in " ".join(texte.split())
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "3", str(pdf), str(ARTIFACTS / "copil-prog")], check=True
    )

    seance.seance.refresh_from_db()
    assert seance.seance.statut == StatutSeance.CLOSE
    voted = DecisionLigne.objects.get(seance=seance.seance, ligne__dossier=premier, ligne__financeur=etat)
    assert (voted.decision, voted.montant_vote, voted.verrouillee) == (Decision.ACCORDE, Decimal("7000"), True)
    premier.refresh_from_db()
    assert premier.etat == EtatDossier.RETENU
