"""The roles of the contrat de ville, as Django groups with their permissions.

The table is the single source of truth: `sync_roles()` creates or updates the groups to match it,
after every `migrate` and from `manage.py sync_roles`. Object-level rules (which dossiers a porteur
or a partner may see) live in each app's selectors; groups only grant capabilities.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction


class Role:
    PORTEUR = "Porteur de projet"
    INSTRUCTEUR = "Instructeur (service politique de la ville)"
    PARTENAIRE_COTECH = "Partenaire COTECH"
    MEMBRE_COPIL = "Membre du COPIL"
    CONSEIL_CITOYEN = "Conseil citoyen"
    ADMINISTRATEUR = "Administrateur"


def _crud(app_label, *models):
    return [f"{app_label}.{action}_{model}" for model in models for action in ("add", "change", "delete", "view")]


def _view(app_label, *models):
    return [f"{app_label}.view_{model}" for model in models]


REFERENTIEL = (
    "contratdeville",
    "avenant",
    "pilier",
    "prioritetransversale",
    "enjeu",
    "axestrategique",
    "objectifoperationnel",
    "quartier",
)
PROJETS = (
    "financeur",
    "campagne",
    "prioriteoperationnelle",
    "prioritetransversalecampagne",
    "volet",
    "enveloppe",
    "porteur",
    "porteurmembre",
    "dossier",
    "lignefinancement",
    "controlerecevabilite",
    "demandecomplements",
    "critereanalyse",
    "notecritere",
    "noteinterne",
    "message",
    "instance",
    "membreinstance",
    "seance",
    "convocation",
    "examen",
    "recusation",
    "decisionligne",
    "amendement",
    "travail",
)
SUIVI = (
    "convention",
    "engagementannuel",
    "versement",
    "suiviaction",
    "bilan",
    "bilanquartier",
    "bilanlignebudget",
    "bilanreponseegalite",
    "relance",
    "indicateur",
    "valeurindicateur",
    "rapport",
)

CONSEIL_CITOYEN = (
    "conseilcitoyen",
    "college",
    "siegereserve",
    "membre",
    "reunion",
    "avisconseilcitoyen",
    "designation",
    "fondsparticipation",
    "demandefph",
)
# The source lists of the tirage au sort are personal data: administrators only.
TIRAGE = ("tirageausort", "temoin", "personnetiree")

ROLE_PERMISSIONS = {
    Role.PORTEUR: [],  # acts on its own porteur and dossiers only, checked by the selectors
    Role.INSTRUCTEUR: _crud("enjeux", *REFERENTIEL)
    + _crud("projets", *PROJETS)
    + _crud("conseil_citoyen", *CONSEIL_CITOYEN)
    + _crud("suivi", *SUIVI),
    Role.PARTENAIRE_COTECH: _view("enjeux", *REFERENTIEL) + _view("projets", *PROJETS),
    Role.MEMBRE_COPIL: _view("enjeux", *REFERENTIEL)
    + _view("projets", *PROJETS)
    + _view("suivi", *SUIVI)
    + [
        "projets.change_lignefinancement",
        "projets.change_dossier",
        "projets.change_seance",
        "projets.change_convocation",
        "projets.change_decisionligne",
        "projets.add_recusation",
        "projets.add_amendement",
        "projets.add_travail",
    ],
    # Its pages are public (conseil_citoyen/views.py) and its avis are recorded by the instruction: it reads no
    # dossier, attachment, récépissé nor structure's document (a dossier under instruction is not public).
    Role.CONSEIL_CITOYEN: [],
    Role.ADMINISTRATEUR: _crud("enjeux", *REFERENTIEL)
    + _crud("projets", *PROJETS)
    + _crud("conseil_citoyen", *CONSEIL_CITOYEN, *TIRAGE)
    + _crud("suivi", *SUIVI)
    + _crud("comptes", "user")
    + ["auth.view_group", "auth.change_group"],
}

# Roles whose members work in the Django admin.
STAFF_ROLES = {Role.INSTRUCTEUR, Role.PARTENAIRE_COTECH, Role.MEMBRE_COPIL, Role.ADMINISTRATEUR}


@transaction.atomic
def sync_roles() -> dict[str, int]:
    """Create the groups and set exactly their permissions. Returns the number of permissions per role."""
    wanted = {codename for perms in ROLE_PERMISSIONS.values() for codename in perms}
    by_name = {
        f"{p.content_type.app_label}.{p.codename}": p
        for p in Permission.objects.select_related("content_type").filter(
            content_type__app_label__in={name.split(".")[0] for name in wanted}
        )
    }
    missing = wanted - by_name.keys()
    if missing:
        raise LookupError(f"Permissions inconnues : {', '.join(sorted(missing))}")
    counts = {}
    for role, perms in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.set([by_name[p] for p in perms])
        counts[role] = len(perms)
    return counts


def sync_roles_after_migrate(sender, using="default", apps=None, **kwargs):
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    # Permissions are created by post_migrate too; make sure they exist before assigning them.
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    sync_roles()
