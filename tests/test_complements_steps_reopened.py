"""While compléments are asked, the porteur may change only the steps the request reopened: every write says no
to the others, in French, and changes nothing."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from projets.enums import CompteBudget, EtatDossier
from projets.etapes import ETAPES
from projets.factories import PDF_MINIMAL, DossierFactory, PieceJointeFactory, dossier_depose
from projets.models import PieceJointe
from projets.rules import etapes_rouvertes
from projets.selectors_complements import etapes_modifiables
from projets.services.dossiers import dossier_save_budget, dossier_save_egalite, dossier_save_step
from projets.services.fichiers import piece_jointe_add, piece_jointe_delete
from projets.services.instruction import complements_demander

pytestmark = pytest.mark.django_db


def en_complements(instructeur, elements):
    dossier = dossier_depose()
    complements_demander(
        dossier=dossier,
        by=instructeur,
        elements=elements,
        message="Précisez les objectifs.",
        date_limite=timezone.localdate() + datetime.timedelta(days=10),
    )
    dossier.refresh_from_db()
    return dossier


def membre(dossier):
    return dossier.porteur.membres.first().user


def refus(appel) -> ValidationError:
    with pytest.raises(ValidationError) as error:
        appel()
    return error.value


def test_a_reopened_step_saves(instructeur):
    dossier = en_complements(instructeur, ["action"])
    dossier_save_step(dossier=dossier, etape="action", valeurs={"objectifs": "Objectifs précisés."}, en_attente={})
    dossier.refresh_from_db()
    assert dossier.objectifs == "Objectifs précisés."


@pytest.mark.parametrize("etape", ["public", "orientations", "attestation"])
def test_a_step_not_reopened_is_refused_in_french_and_nothing_changes(instructeur, etape):
    dossier = en_complements(instructeur, ["action"])
    error = refus(
        lambda: dossier_save_step(dossier=dossier, etape=etape, valeurs={"public_cible": "Autre"}, en_attente={})
    )
    assert error.code == "etape_non_rouverte"
    assert "n'est pas rouverte" in error.messages[0] and "service politique de la ville" in error.messages[0]
    dossier.refresh_from_db()
    assert dossier.public_cible == "Habitantes et habitants du quartier"


def test_budget_and_egalite_are_refused_unless_reopened(instructeur):
    dossier = en_complements(instructeur, ["action"])
    error = refus(
        lambda: dossier_save_budget(dossier=dossier, comptes={CompteBudget.ACHATS: Decimal("1")}, financements={})
    )
    assert "« Budget prévisionnel » n'est pas rouverte" in error.messages[0]
    assert dossier.lignes_budget.get(compte=CompteBudget.ACHATS).montant == Decimal("2500.00")
    error = refus(lambda: dossier_save_egalite(dossier=dossier, reponses={}))
    assert "« Égalité femmes-hommes » n'est pas rouverte" in error.messages[0]


def test_reopening_the_budget_reopens_the_attestation_whose_amount_must_follow(instructeur):
    assert etapes_rouvertes(["budget"]) == {"budget", "attestation"}
    assert etapes_rouvertes(["action"]) == {"action"}
    dossier = en_complements(instructeur, ["budget"])
    dossier_save_budget(dossier=dossier, comptes={CompteBudget.ACHATS: Decimal("3000")}, financements={})
    dossier_save_step(dossier=dossier, etape="attestation", valeurs={"montant_atteste": Decimal("1")}, en_attente={})
    assert refus(lambda: dossier_save_step(dossier=dossier, etape="action", valeurs={}, en_attente={})).code == (
        "etape_non_rouverte"
    )
    assert etapes_modifiables(dossier=dossier) == ["budget", "attestation"]


def test_pieces_may_change_only_when_the_pieces_are_reopened(instructeur):
    dossier = en_complements(instructeur, ["action"])
    piece = PieceJointeFactory(dossier=dossier)
    fichier = SimpleUploadedFile("devis.pdf", PDF_MINIMAL)
    error = refus(lambda: piece_jointe_add(dossier=dossier, libelle="Devis", fichier=fichier, by=membre(dossier)))
    assert error.code == "etape_non_rouverte" and "ne font pas partie des compléments demandés" in error.messages[0]
    assert refus(lambda: piece_jointe_delete(piece=piece, by=membre(dossier))).code == "etape_non_rouverte"
    assert PieceJointe.objects.filter(dossier=dossier).count() == 1

    dossier = en_complements(instructeur, ["pieces"])
    piece = PieceJointeFactory(dossier=dossier)
    piece_jointe_add(dossier=dossier, libelle="Devis", fichier=fichier, by=membre(dossier))
    piece_jointe_delete(piece=piece, by=membre(dossier))
    assert list(PieceJointe.objects.filter(dossier=dossier).values_list("libelle", flat=True)) == ["Devis"]


def test_nothing_is_editable_in_instruction_nor_without_a_pending_request(instructeur):
    dossier = en_complements(instructeur, ["action"])
    dossier.demandes_complements.update(repondue_le=timezone.now())
    assert etapes_modifiables(dossier=dossier) == []
    dossier = dossier_depose()
    dossier.etat = EtatDossier.EN_INSTRUCTION
    dossier.save()
    error = refus(lambda: dossier_save_step(dossier=dossier, etape="action", valeurs={}, en_attente={}))
    assert error.code == "non_modifiable" and "« En instruction »" in error.messages[0]


def test_a_draft_stays_editable_on_every_step():
    assert etapes_modifiables(dossier=DossierFactory()) == [etape.slug for etape in ETAPES]
