import datetime
from decimal import Decimal

import factory

from conseil_citoyen.enums import ModeDesignation, QualiteTemoin, Sexe, TypeCollege, TypeTirage
from conseil_citoyen.models import (
    College,
    ConseilCitoyen,
    DemandeFPH,
    Designation,
    FondsParticipation,
    Membre,
    PersonneTiree,
    Reunion,
    SiegeReserve,
    Temoin,
    TirageAuSort,
)
from enjeux.enums import TypeQuartier
from enjeux.factories import ContratDeVilleFactory, QuartierFactory


class ConseilCitoyenFactory(factory.django.DjangoModelFactory):
    """A conseil with the cadre de référence's two collèges (14 habitants, 12 associations)."""

    class Meta:
        model = ConseilCitoyen
        skip_postgeneration_save = True

    contrat = factory.SubFactory(ContratDeVilleFactory)
    quartier = factory.SubFactory(QuartierFactory, contrat=factory.SelfAttribute("..contrat"), type=TypeQuartier.QPV)
    nom = "Conseil citoyen du quartier Nord"

    @factory.post_generation
    def colleges(self, create, extracted, **kwargs):
        if create and extracted is not False:
            College.objects.create(
                conseil=self, type=TypeCollege.HABITANTS, sieges=14, part_minimum=50, parite=True, residence_qpv=True
            )
            College.objects.create(conseil=self, type=TypeCollege.ASSOCIATIONS, sieges=12)


def college(conseil, type=TypeCollege.HABITANTS):
    return conseil.colleges.get(type=type)


class CollegeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = College

    conseil = factory.SubFactory(ConseilCitoyenFactory, colleges=False)
    type = TypeCollege.HABITANTS
    sieges = 14


class SiegeReserveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SiegeReserve

    college = factory.SubFactory(CollegeFactory, type=TypeCollege.ASSOCIATIONS, sieges=12)
    instance = "Conseil de quartier Nord"
    nombre = 2


class MembreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membre

    conseil = factory.SubFactory(ConseilCitoyenFactory)
    college = factory.LazyAttribute(lambda o: college(o.conseil))
    nom = factory.Faker("last_name", locale="fr_FR")
    prenom = factory.Faker("first_name", locale="fr_FR")
    sexe = Sexe.FEMME
    reside_qpv = True
    mode = ModeDesignation.TIRE_AU_SORT
    debut_mandat = datetime.date(2031, 1, 15)
    fin_mandat = datetime.date(2032, 1, 15)


class TirageAuSortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TirageAuSort

    conseil = factory.SubFactory(ConseilCitoyenFactory)
    type = TypeTirage.HABITANTS
    date = datetime.date(2031, 1, 10)
    lieu = "Espace du projet et de la citoyenneté"
    nombre = 32


class TemoinFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Temoin

    tirage = factory.SubFactory(TirageAuSortFactory)
    nom = factory.Faker("name", locale="fr_FR")
    qualite = QualiteTemoin.DELEGUE_PREFET


class PersonneTireeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PersonneTiree

    tirage = factory.SubFactory(TirageAuSortFactory)
    source = "Terres de Loire Habitat"
    nom = factory.Faker("last_name", locale="fr_FR")
    prenom = factory.Faker("first_name", locale="fr_FR")
    adresse = factory.Sequence(lambda n: f"{n + 1} rue Jean-Moulin, 41000 Blois")
    sexe = factory.Iterator([Sexe.FEMME, Sexe.HOMME])


class ReunionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reunion

    conseil = factory.SubFactory(ConseilCitoyenFactory)
    date = datetime.date(2031, 3, 2)
    lieu = "Maison de quartier"


class DesignationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Designation

    reunion = factory.SubFactory(ReunionFactory)
    conseil = factory.SelfAttribute("reunion.conseil")
    membre = factory.SubFactory(MembreFactory, conseil=factory.SelfAttribute("..reunion.conseil"))
    annee = 2031
    organe = "copil"
    role = "titulaire"


class FondsParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FondsParticipation

    conseil = factory.SubFactory(ConseilCitoyenFactory)
    annee = 2031
    montant = Decimal("5000.00")


class DemandeFPHFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DemandeFPH

    fonds = factory.SubFactory(FondsParticipationFactory)
    titre = "Fête des voisins de la rue Jean-Moulin"
    description = "Un repas partagé au pied des immeubles, avec des jeux pour les enfants."
    porteurs = "Amina, Jean-Pierre et Lucie, habitants de la résidence"
    email = "fete.voisins@exemple.fr"
    montant_demande = Decimal("400.00")
