import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from projets.enums import EtatCampagne, EtatDossier
from projets.factories import PorteurMembreFactory, dossier_pret_a_deposer
from projets.models import Depot
from projets.selectors_dossier import dossier_manques_pour_depot
from projets.services.dossiers import dossier_save_step, dossier_submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier():
    dossier = dossier_pret_a_deposer()
    PorteurMembreFactory(porteur=dossier.porteur)
    return dossier


def test_a_complete_dossier_is_submitted_with_a_number_a_snapshot_and_a_receipt_by_mail(
    dossier, django_capture_on_commit_callbacks
):
    user = dossier.porteur.membres.first().user
    with django_capture_on_commit_callbacks(execute=True):
        depot = dossier_submit(dossier=dossier, by=user)
    dossier.refresh_from_db()
    assert dossier.etat == EtatDossier.DEPOSE
    assert dossier.numero == f"CV-{dossier.campagne.annee}-0001"
    assert depot.contenu["action"]["intitule"] == dossier.intitule
    assert depot.contenu["budget"]["subventions"][0]["montant"] == "7500.00"
    assert dossier.transitions.get().vers == EtatDossier.DEPOSE
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == f"Dossier {dossier.numero} déposé : votre récépissé"
    assert user.email in message.to
    assert message.attachments[0][2] == "application/pdf"
    assert message.attachments[0][1].startswith(b"%PDF")
    depot.refresh_from_db()
    assert depot.recepisse.name.startswith("recepisses/")


def test_numbers_follow_each_other_within_a_campagne(dossier):
    second = dossier_pret_a_deposer(campagne=dossier.campagne)
    user = dossier.porteur.membres.first().user
    dossier_submit(dossier=dossier, by=user)
    dossier_submit(dossier=second, by=user)
    second.refresh_from_db()
    assert second.numero.endswith("-0002")


def test_the_snapshot_does_not_change_when_the_draft_data_changes_later(dossier):
    user = dossier.porteur.membres.first().user
    depot = dossier_submit(dossier=dossier, by=user)
    empreinte = depot.empreinte
    dossier.porteur.raison_sociale = "Nouveau nom"
    dossier.porteur.save()
    dossier.lignes_budget.update(montant=Decimal("1"))
    dossier.intitule = "Autre intitulé"
    dossier.save()
    depot = Depot.objects.get(pk=depot.pk)
    assert depot.contenu["porteur"]["raison_sociale"] != "Nouveau nom"
    assert depot.contenu["action"]["intitule"] != "Autre intitulé"
    assert {ligne["montant"] for ligne in depot.contenu["budget"]["charges"]} == {"15000.00", "2500.00"}
    assert depot.empreinte == empreinte


def test_submission_is_refused_after_closing_and_the_draft_stays_intact(dossier):
    user = dossier.porteur.membres.first().user
    dossier.campagne.date_cloture = datetime.datetime(2031, 1, 15, 23, 0, tzinfo=datetime.UTC)  # 16 Jan, 00:00 Paris
    dossier.campagne.date_ouverture = datetime.datetime(2030, 12, 1, tzinfo=datetime.UTC)
    dossier.campagne.save()
    with pytest.raises(ValidationError, match="L'appel à projets est clos"):
        dossier_submit(dossier=dossier, by=user, moment=datetime.datetime(2031, 1, 15, 23, 30, tzinfo=datetime.UTC))
    dossier.refresh_from_db()
    assert dossier.etat == EtatDossier.BROUILLON and dossier.numero is None
    assert dossier.lignes_budget.count() == 3 and dossier.intitule
    # 23:59 in Paris is still 22:59 UTC on the closing day: accepted.
    dossier_submit(dossier=dossier, by=user, moment=datetime.datetime(2031, 1, 15, 22, 59, tzinfo=datetime.UTC))


def test_a_campagne_not_open_refuses_submissions(dossier):
    dossier.campagne.etat = EtatCampagne.INSTRUCTION
    dossier.campagne.save()
    with pytest.raises(ValidationError, match="clos"):
        dossier_submit(dossier=dossier, by=dossier.porteur.membres.first().user)


def test_an_unbalanced_budget_blocks_the_submission_with_the_gap(dossier):
    dossier.lignes_budget.filter(compte="60").update(montant=Decimal("3000.00"))
    manques = dossier_manques_pour_depot(dossier=dossier)
    assert (
        "les charges (18\u00a0000,00\u00a0€) dépassent les produits (17\u00a0500,00\u00a0€) de 500,00\u00a0€"
        in manques[0]
    )
    with pytest.raises(ValidationError):
        dossier_submit(dossier=dossier, by=dossier.porteur.membres.first().user)


def test_the_certified_amount_must_equal_the_financing_requested(dossier):
    dossier.montant_atteste = Decimal("12000")
    dossier.save()
    assert "Le montant attesté doit être égal au total des subventions demandées dans le budget." in (
        dossier_manques_pour_depot(dossier=dossier)
    )


def test_a_submitted_dossier_can_no_longer_be_edited(dossier):
    dossier_submit(dossier=dossier, by=dossier.porteur.membres.first().user)
    with pytest.raises(ValidationError, match="ne peut plus être modifié"):
        dossier_save_step(dossier=dossier, etape="action", valeurs={"intitule": "x"}, en_attente={})
