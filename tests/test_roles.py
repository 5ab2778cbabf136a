import pytest
from django.contrib.auth.models import Group

from comptes.roles import ROLE_PERMISSIONS, Role, sync_roles

pytestmark = pytest.mark.django_db


def test_every_role_exists_after_migrate_with_its_permissions():
    for role, permissions in ROLE_PERMISSIONS.items():
        group = Group.objects.get(name=role)
        assert group.permissions.count() == len(permissions)


def test_syncing_twice_changes_nothing_and_restores_removed_permissions():
    group = Group.objects.get(name=Role.INSTRUCTEUR)
    group.permissions.clear()
    sync_roles()
    sync_roles()
    assert Group.objects.filter(name=Role.INSTRUCTEUR).count() == 1
    assert group.permissions.count() == len(ROLE_PERMISSIONS[Role.INSTRUCTEUR])


def test_capabilities_per_role(
    porteur_a, instructeur, partenaire_cotech, membre_copil, conseil_citoyen, administrateur
):
    assert not porteur_a.has_perm("projets.view_dossier")
    assert instructeur.has_perm("projets.change_dossier") and instructeur.has_perm("enjeux.change_axestrategique")
    assert partenaire_cotech.has_perm("projets.view_dossier")
    assert not partenaire_cotech.has_perm("projets.change_lignefinancement")
    assert membre_copil.has_perm("projets.change_lignefinancement")
    assert not conseil_citoyen.has_perm("projets.view_dossier") and not conseil_citoyen.is_staff
    assert administrateur.has_perm("comptes.change_user")
