"""The roles of the contrat de ville, as Django groups with their permissions.

The table is the single source of truth: `sync_roles()` creates or updates the groups to match it,
after every `migrate` and from `manage.py sync_roles`. Object-level rules (which dossiers a porteur
or a partner may see) live in each app's selectors; groups only grant capabilities.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.urls import reverse


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


# When a person holds several roles, the first one of this list decides their home and their navigation.
PRIORITE_DES_ROLES = [
    Role.ADMINISTRATEUR,
    Role.INSTRUCTEUR,
    Role.MEMBRE_COPIL,
    Role.PARTENAIRE_COTECH,
    Role.CONSEIL_CITOYEN,
    Role.PORTEUR,
]


def role_principal(user) -> str | None:
    """The role that decides where a person lands and what the navigation shows; None for visitors.

    A staff role counts only for a staff account (the admin and the back-office refuse the others); an account
    without any group acts as a porteur, as after signing up."""
    if not user.is_authenticated:
        return None
    if user.is_superuser:
        return Role.ADMINISTRATEUR
    if not hasattr(user, "_roles_cache"):
        user._roles_cache = set(user.groups.values_list("name", flat=True))
    for role in PRIORITE_DES_ROLES:
        if role in user._roles_cache and (user.is_staff or role not in STAFF_ROLES):
            return role
    return Role.PORTEUR


# Where each role lands after logging in: what it uses first.
ACCUEIL_DU_ROLE = {
    Role.ADMINISTRATEUR: "suivi_tableau_de_bord",
    Role.INSTRUCTEUR: "instruction",
    Role.PARTENAIRE_COTECH: "instruction",
    Role.MEMBRE_COPIL: "admin:projets_seance_changelist",
    Role.CONSEIL_CITOYEN: "conseil_citoyen",
    Role.PORTEUR: "espace_porteur",
}

# What the main navigation shows to each role (visitors: the public pages and the porteurs' space), kept short
# enough to stay on one line at 1280 px.
NAVIGATION_DU_ROLE = {
    None: ["projets_finances", "appel_a_projets", "espace_porteur"],
    Role.PORTEUR: ["espace_porteur", "appel_a_projets", "projets_finances"],
    Role.CONSEIL_CITOYEN: ["conseil_citoyen", "projets_finances", "appel_a_projets"],
    Role.PARTENAIRE_COTECH: ["instruction", "projets_finances"],
    Role.MEMBRE_COPIL: ["admin:projets_seance_changelist", "instruction", "suivi_tableau_de_bord"],
    Role.INSTRUCTEUR: ["instruction", "mes_dossiers", "suivi_tableau_de_bord", "admin:index"],
    Role.ADMINISTRATEUR: ["suivi_tableau_de_bord", "instruction", "admin:projets_seance_changelist", "admin:index"],
}

LIBELLES = {
    "projets_finances": "Projets financés",
    "appel_a_projets": "Appel à projets",
    "espace_porteur": "Espace porteuses et porteurs",
    "conseil_citoyen": "Conseil citoyen",
    "instruction": "Instruction",
    "mes_dossiers": "Mes dossiers",
    "suivi_tableau_de_bord": "Suivi",
    "admin:projets_seance_changelist": "Séances du COPIL",
    "admin:index": "Administration",
}


def _conseil_citoyen_de(user):
    """The conseil of the person's current mandate, else the only conseil there is (None when several)."""
    from conseil_citoyen.enums import StatutMembre
    from conseil_citoyen.models import ConseilCitoyen

    mandat = user.mandats_cc.filter(statut=StatutMembre.ACTIF).order_by("-debut_mandat").first()
    if mandat:
        return mandat.conseil_id
    seuls = list(ConseilCitoyen.objects.values_list("pk", flat=True)[:2])
    return seuls[0] if len(seuls) == 1 else None


def _url(nom: str, user) -> str | None:
    if nom == "conseil_citoyen":
        pk = _conseil_citoyen_de(user)
        return reverse(nom, args=[pk]) if pk else None
    return reverse(nom)


def accueil_du_role(user) -> str:
    """The URL a person lands on after logging in (a `next` parameter wins over it)."""
    role = role_principal(user) or Role.PORTEUR
    return _url(ACCUEIL_DU_ROLE[role], user) or reverse("accueil")


def navigation_du_role(user) -> list[tuple[str, str]]:
    """The (label, URL) pairs of the main navigation for this person."""
    liens = []
    for nom in NAVIGATION_DU_ROLE[role_principal(user)]:
        if url := _url(nom, user):
            liens.append((LIBELLES[nom], url))
    return liens
