import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from comptes.factories import UserFactory
from enjeux.factories import ContratDeVilleFactory
from projets.enums import StatutTravail
from projets.factories import DossierFactory, FinanceurFactory, LigneFinancementFactory, PorteurFactory
from suivi.enums import EtatBilan, PalierRelance, TypeConvention, TypeRapport, TypeVersement
from suivi.models import (
    Bilan,
    BilanLigneBudget,
    BilanQuartier,
    BilanReponseEgalite,
    Convention,
    EngagementAnnuel,
    Indicateur,
    Rapport,
    Relance,
    SuiviAction,
    ValeurIndicateur,
    Versement,
)


class ConventionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Convention

    numero = factory.Sequence(lambda n: f"CONV-2031-{n + 1:04d}")
    porteur = factory.SubFactory(PorteurFactory)
    type = TypeConvention.ANNUELLE
    annee_debut = 2031
    annee_fin = 2031
    cree_par = factory.SubFactory(UserFactory)


class EngagementAnnuelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EngagementAnnuel

    convention = factory.SubFactory(ConventionFactory)
    annee = factory.LazyAttribute(lambda o: o.convention.annee_debut)
    financeur = factory.SubFactory(FinanceurFactory)
    montant = Decimal("5000.00")


class VersementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Versement

    ligne = factory.SubFactory(LigneFinancementFactory, montant_vote=Decimal("5000.00"))
    type = TypeVersement.AVANCE
    montant_prevu = Decimal("4000.00")
    date_prevue = factory.LazyFunction(timezone.localdate)


class SuiviActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SuiviAction

    dossier = factory.SubFactory(DossierFactory)


class BilanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bilan

    dossier = factory.SubFactory(DossierFactory)
    etat = EtatBilan.BROUILLON
    date_limite = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=60))


class BilanQuartierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BilanQuartier

    bilan = factory.SubFactory(BilanFactory)
    quartier = factory.SubFactory("enjeux.factories.QuartierFactory")
    nombre = 10


class BilanLigneBudgetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BilanLigneBudget

    bilan = factory.SubFactory(BilanFactory)
    compte = "64"
    prevu = Decimal("10000.00")


class BilanReponseEgaliteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BilanReponseEgalite

    bilan = factory.SubFactory(BilanFactory)
    question = factory.SubFactory("projets.factories.QuestionEgaliteFactory", numero=6, moment="bilan")
    choix = factory.LazyFunction(lambda: ["oui"])


class RelanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Relance

    dossier = factory.SubFactory(DossierFactory)
    palier = PalierRelance.AVANT_30
    echeance = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    envoyee_le = factory.LazyFunction(timezone.now)


class IndicateurFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicateur

    contrat = factory.SubFactory(ContratDeVilleFactory)
    libelle = factory.Sequence(lambda n: f"Nombre de personnes accompagnées n° {n}")


class ValeurIndicateurFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ValeurIndicateur

    indicateur = factory.SubFactory(IndicateurFactory)
    annee = 2031
    valeur = Decimal("40")
    cible = Decimal("50")


class RapportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Rapport

    contrat = factory.SubFactory(ContratDeVilleFactory)
    type = TypeRapport.ETAT_ANNEXE
    format = "pdf"
    annee = 2031
    empreinte = factory.Sequence(lambda n: f"{n:064x}")
    statut = StatutTravail.EN_ATTENTE
