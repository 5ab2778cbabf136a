import factory
from django.contrib.auth.models import Group

from comptes.models import User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    email = factory.Sequence(lambda n: f"personne{n}@exemple.fr")
    password = factory.django.Password("motdepasse-de-test")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        """UserFactory(roles=[Role.INSTRUCTEUR]) puts the user in those groups (created by sync_roles)."""
        if create and extracted:
            self.groups.add(*Group.objects.filter(name__in=extracted))
