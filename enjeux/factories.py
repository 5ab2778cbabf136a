import factory

from enjeux.enums import TypeQuartier
from enjeux.models import (
    Avenant,
    AxeStrategique,
    ContratDeVille,
    Enjeu,
    ObjectifOperationnel,
    Pilier,
    PrioriteTransversale,
    Quartier,
)


class ContratDeVilleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContratDeVille
        django_get_or_create = ["slug"]

    nom = factory.Sequence(lambda n: f"Contrat de ville {n}")
    slug = factory.Sequence(lambda n: f"contrat-{n}")
    commune = factory.Faker("city", locale="fr_FR")
    epci = "Communauté d'agglomération"
    annee_debut = 2024
    annee_fin = 2030


class AvenantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Avenant

    contrat = factory.SubFactory(ContratDeVilleFactory)
    nom = factory.Sequence(lambda n: f"Avenant n° {n}")


class PilierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pilier
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"pilier-{n}")
    libelle = factory.Sequence(lambda n: f"Pilier {n}")


class PrioriteTransversaleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PrioriteTransversale

    libelle = factory.Sequence(lambda n: f"Priorité transversale {n}")


class EnjeuFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enjeu

    contrat = factory.SubFactory(ContratDeVilleFactory)
    numero = factory.Sequence(lambda n: n + 1)
    titre = factory.Faker("sentence", nb_words=6, locale="fr_FR")


class AxeStrategiqueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AxeStrategique

    enjeu = factory.SubFactory(EnjeuFactory)
    numero = factory.Sequence(lambda n: n + 1)
    titre = factory.Faker("sentence", nb_words=10, locale="fr_FR")


class ObjectifOperationnelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ObjectifOperationnel

    axe = factory.SubFactory(AxeStrategiqueFactory)
    annee = 2027
    numero = factory.Sequence(lambda n: n + 1)
    libelle = factory.Faker("sentence", nb_words=8, locale="fr_FR")


class QuartierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quartier

    contrat = factory.SubFactory(ContratDeVilleFactory)
    nom = factory.Sequence(lambda n: f"Quartier {n}")
    type = TypeQuartier.QPV
    population = 5000
