"""A dossier voted by a real COPIL séance (8 000 € from the État, 2 000 € from the Ville), ready for the suivi."""

import datetime
from decimal import Decimal

from projets.enums import CompteBudget, Decision, MomentQuestion
from projets.factories import LigneBudgetFactory, PorteurMembreFactory, QuestionEgaliteFactory
from projets.models import DecisionLigne, Dossier
from projets.services import copil
from tests.helpers.copil import seance_copil

VOTE_ETAT, VOTE_VILLE = Decimal("8000.00"), Decimal("2000.00")


def question_q6():
    return QuestionEgaliteFactory(
        numero=6,
        moment=MomentQuestion.BILAN,
        texte="Pensez-vous que votre action a eu un impact sur les inégalités femmes-hommes ?",
        choix=["oui", "non"],
    )


def dossier_vote(*, membre_copil, porteuse=None) -> Dossier:
    """One dossier through a closed COPIL séance; `porteuse` (a user) becomes a member of its porteur."""
    scenario = seance_copil(secretaire=membre_copil, dossiers=1)
    dossier = scenario.dossiers[0]
    Dossier.objects.filter(pk=dossier.pk).update(
        date_debut=datetime.date(dossier.campagne.annee, 1, 1), date_fin=datetime.date(dossier.campagne.annee, 12, 31)
    )
    LigneBudgetFactory(dossier=dossier, compte=CompteBudget.CHARGES_PERSONNEL, montant=Decimal("9000.00"))
    LigneBudgetFactory(dossier=dossier, compte=CompteBudget.ACHATS, montant=Decimal("3000.00"))
    LigneBudgetFactory(dossier=dossier, compte=CompteBudget.AUTRES_PRODUITS, montant=Decimal("2000.00"))
    question_q6()
    if porteuse:
        PorteurMembreFactory(porteur=dossier.porteur, user=porteuse)
    for financeur, montant in zip(scenario.financeurs, (VOTE_ETAT, VOTE_VILLE), strict=True):
        decision = DecisionLigne.objects.get(seance=scenario.seance, ligne__financeur=financeur)
        copil.decision_enregistrer(
            decision=decision, by=membre_copil, version=decision.version, choix=Decision.ACCORDE,
            montant_vote=montant, motif="",
        )  # fmt: skip
    copil.seance_clore(seance=scenario.seance, by=membre_copil)
    dossier.refresh_from_db()
    return dossier


def dossier_en_cours(*, membre_copil, instructeur, porteuse=None) -> Dossier:
    """Voted, conventionné (signed today) and its avances paid: the action is en cours."""
    from django.utils import timezone

    from suivi.enums import TypeVersement
    from suivi.models import Versement
    from suivi.services.conventions import convention_create, convention_sign
    from suivi.services.versements import versement_pay

    dossier = dossier_vote(membre_copil=membre_copil, porteuse=porteuse)
    convention = convention_create(dossiers=[dossier], by=instructeur)
    convention_sign(convention=convention, date_signature=timezone.localdate(), by=instructeur)
    for versement in Versement.objects.filter(ligne__dossier=dossier, type=TypeVersement.AVANCE):
        versement_pay(
            versement=versement, montant=versement.montant_prevu, date_versement=timezone.localdate(), by=instructeur
        )
    dossier.refresh_from_db()
    return dossier


def bilan_depose(*, dossier: Dossier, porteuse, femmes: int = 31, hommes: int = 14):
    """The bilan of an action en cours, filled in and filed by `porteuse`: 45 people reached, staff costs
    9 400 € instead of 9 000 €, everything else as planned, Q6 answered."""
    from projets.models import QuestionEgalite
    from suivi.services.bilans import bilan_open, bilan_save, bilan_submit

    bilan = bilan_open(dossier=dossier)
    bilan = bilan_save(
        bilan=bilan,
        version=bilan.version,
        valeurs={
            "realisation": "24 ateliers d'écriture, une exposition en fin d'année.",
            "public_femmes": femmes,
            "public_hommes": hommes,
            "public_hors_quartiers": femmes + hommes,
            "lieux": "Médiathèque Maurice-Genevoix",
        },
        budget={
            ligne.pk: (Decimal("9400.00") if ligne.compte == CompteBudget.CHARGES_PERSONNEL else ligne.prevu, "")
            for ligne in bilan.lignes_budget.all()
        },
        quartiers={},
        egalite={q.pk: (["oui"], "") for q in QuestionEgalite.objects.filter(moment=MomentQuestion.BILAN)},
    )
    return bilan_submit(bilan=bilan, by=porteuse)
