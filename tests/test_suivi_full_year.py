"""A full year after the vote: convention, avance, late reminder, bilan filed, validated, solde, renewal
pre-filled from the bilan — and every amount consistent along the way."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.utils import timezone

from projets.enums import EtatDossier
from projets.factories import CampagneFactory
from projets.models import QuestionEgalite
from suivi.enums import EtatBilan, PalierRelance, TypeVersement
from suivi.models import Relance, Versement
from suivi.services.bilans import bilan_open, bilan_save, bilan_submit, bilan_validate
from suivi.services.conventions import convention_create, convention_sign
from suivi.services.reconduction import dossier_renew_from_bilan
from suivi.services.relances import relances_send
from suivi.services.versements import versement_pay
from tests.helpers.suivi import VOTE_ETAT, VOTE_VILLE, dossier_vote

pytestmark = pytest.mark.django_db


def _payer(dossier, type, by):
    for versement in Versement.objects.filter(ligne__dossier=dossier, type=type):
        versement_pay(versement=versement, montant=versement.montant_prevu, date_versement=timezone.localdate(), by=by)


def _saisir(bilan, **valeurs):
    budget = {}
    for ligne in bilan.lignes_budget.all():
        realise = {"64": Decimal("9400.00"), "60": Decimal("1800.00"), "75": Decimal("2100.00")}.get(ligne.compte)
        budget[ligne.pk] = (
            realise if realise is not None else ligne.prevu,
            valeurs.pop(f"explication_{ligne.compte}", ""),
        )
    quartier = bilan.dossier.campagne.contrat.quartiers.first()
    q6 = QuestionEgalite.objects.get(numero=6)
    return bilan_save(
        bilan=bilan,
        version=bilan.version,
        valeurs={
            "realisation": "24 ateliers d'écriture, une exposition en fin d'année.",
            "public_femmes": 31,
            "public_hommes": 14,
            "age_18_25": 20,
            "age_26_64": 25,
            "public_hors_quartiers": 5 if quartier else 45,
            "lieux": "Maison de Bégon",
        }
        | valeurs,
        budget=budget,
        quartiers={quartier.pk: 40} if quartier else {},
        egalite={q6.pk: (["oui"], "Deux tiers des participantes sont des femmes isolées.")},
    )


def test_a_full_year_after_the_vote(membre_copil, instructeur, porteur_a, django_capture_on_commit_callbacks):
    dossier = dossier_vote(membre_copil=membre_copil, porteuse=porteur_a)
    assert dossier.etat == EtatDossier.RETENU
    vote = dossier.lignes_financement.aggregate(s=Sum("montant_vote"))["s"]
    assert vote == VOTE_ETAT + VOTE_VILLE

    # Convention, from the votes, then signed: conventionné, and the avance and solde of each line scheduled.
    convention = convention_create(dossiers=[dossier], by=instructeur)
    assert convention.engagements.aggregate(s=Sum("montant"))["s"] == vote
    convention_sign(convention=convention, date_signature=timezone.localdate(), by=instructeur)
    dossier.refresh_from_db()
    assert dossier.etat == EtatDossier.CONVENTIONNE
    assert Versement.objects.filter(ligne__dossier=dossier).aggregate(s=Sum("montant_prevu"))["s"] == vote
    avance_etat = Versement.objects.get(ligne__financeur__nom="État", type=TypeVersement.AVANCE)
    assert avance_etat.montant_prevu == Decimal("6400.00")

    # The avance paid: the action is en cours.
    _payer(dossier, TypeVersement.AVANCE, instructeur)
    dossier.refresh_from_db()
    assert dossier.etat == EtatDossier.EN_COURS

    # The bilan is late: one reminder, once, to the porteur.
    bilan = bilan_open(dossier=dossier)
    assert bilan.date_limite == datetime.date(dossier.campagne.annee + 1, 6, 30)
    with django_capture_on_commit_callbacks(execute=True):
        envoyees = relances_send(today=bilan.date_limite + datetime.timedelta(days=2))
        assert relances_send(today=bilan.date_limite + datetime.timedelta(days=3)) == []
    assert [r.palier for r in envoyees] == [PalierRelance.APRES_1]
    assert len(mail.outbox) == 1 and "en retard" in mail.outbox[0].subject
    assert porteur_a.email in mail.outbox[0].to

    # The solde waits for the validated bilan.
    solde = Versement.objects.filter(ligne__dossier=dossier, type=TypeVersement.SOLDE).first()
    with pytest.raises(ValidationError, match="bilan validé"):
        versement_pay(
            versement=solde, montant=solde.montant_prevu, date_versement=timezone.localdate(), by=instructeur
        )

    # Filing: the 40 % gap on purchases must be explained first.
    bilan = _saisir(bilan)
    with pytest.raises(ValidationError, match="Achats"):
        bilan_submit(bilan=bilan, by=porteur_a)
    bilan.refresh_from_db()
    bilan = _saisir(bilan, explication_60="Matériel prêté par la médiathèque.")
    bilan = bilan_submit(bilan=bilan, by=porteur_a)
    dossier.refresh_from_db()
    assert bilan.etat == EtatBilan.DEPOSE and dossier.etat == EtatDossier.BILAN_DEPOSE
    assert relances_send(today=bilan.date_limite + datetime.timedelta(days=40)) == []  # filed: no more reminders

    # Validated: the soldes are due, then paid; the dossier is terminé, everything voted is paid.
    bilan_validate(bilan=bilan, by=instructeur)
    dossier.refresh_from_db()
    assert dossier.etat == EtatDossier.BILAN_VALIDE
    assert not Versement.objects.filter(ligne__dossier=dossier, date_prevue__isnull=True).exists()
    _payer(dossier, TypeVersement.SOLDE, instructeur)
    dossier.refresh_from_db()
    assert dossier.etat == EtatDossier.TERMINE
    verse = Versement.objects.filter(ligne__dossier=dossier).aggregate(s=Sum("montant_verse"))["s"]
    assert verse == vote == convention.engagements.aggregate(s=Sum("montant"))["s"]
    assert Relance.objects.filter(dossier=dossier).count() == 1

    # Next year's renewal starts from what the bilan measured.
    suivante = CampagneFactory(contrat=dossier.campagne.contrat, annee=dossier.campagne.annee + 1)
    nouveau = dossier_renew_from_bilan(source=dossier, campagne=suivante)
    assert nouveau.reconduit_de == dossier and nouveau.etat == EtatDossier.BROUILLON
    assert nouveau.public_nombre == 45 and nouveau.lieux == "Maison de Bégon"
    assert dict(nouveau.lignes_budget.values_list("compte", "montant")) == {
        "64": Decimal("9400.00"),
        "60": Decimal("1800.00"),
        "75": Decimal("2100.00"),
    }
    assert {(f.financeur.nom, f.montant_demande) for f in nouveau.lignes_financement.select_related("financeur")} == {
        (f.financeur.nom, f.montant_demande) for f in dossier.lignes_financement.select_related("financeur")
    }
    assert not nouveau.lignes_financement.exclude(montant_vote=None).exists()
