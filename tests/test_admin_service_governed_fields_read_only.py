"""Amounts, states, avis, decisions, publication, numbering and dépôts change only through their services: no add or
change form of any admin site (inlines included) lets anyone edit them, superusers included. The fields are declared
once (projets/admin_base.py, CHAMPS_GOUVERNES); a field whose name looks governed must be declared there or as
configuration, so a forgotten declaration fails here."""

import io

import pytest
from django.apps import apps
from django.contrib.admin.sites import all_sites
from django.core.management import call_command
from django.urls import reverse

from projets.admin_base import CHAMPS_DE_CONFIGURATION, CHAMPS_GOUVERNES, MOTIF_CHAMP_GOUVERNE
from projets.enums import EtatDossier
from projets.factories import CampagneFactory, PorteurFactory
from projets.models import Dossier
from tests.helpers.copil import seance_copil
from tests.helpers.copil_clos import copil_clos
from tests.helpers.monde import monde
from tests.helpers.saisies_hostiles import formulaires_de, photo

pytestmark = pytest.mark.django_db

APPS_DU_PROJET = {"projets", "suivi", "conseil_citoyen", "enjeux", "comptes"}


def _semble_gouverne(modele, champ: str) -> bool:
    return bool(MOTIF_CHAMP_GOUVERNE.search(champ)) and champ not in CHAMPS_DE_CONFIGURATION.get(
        modele._meta.label, ()
    )


def _interdits(modele) -> set[str]:
    return set(CHAMPS_GOUVERNES.get(modele._meta.label, ())) | {
        f.name for f in modele._meta.get_fields() if getattr(f, "concrete", False) and _semble_gouverne(modele, f.name)
    }


def test_every_field_named_like_a_governed_one_is_declared():
    oublis = [
        f"{modele._meta.label}.{champ.name}"
        for modele in apps.get_models()
        if modele._meta.app_label in APPS_DU_PROJET and not modele.__name__.startswith("Historical")
        for champ in modele._meta.get_fields()
        if getattr(champ, "concrete", False)
        and _semble_gouverne(modele, champ.name)
        and champ.name not in CHAMPS_GOUVERNES.get(modele._meta.label, ())
    ]
    assert not oublis, "déclarez ces champs dans CHAMPS_GOUVERNES ou CHAMPS_DE_CONFIGURATION : " + ", ".join(oublis)


def test_the_declarations_name_existing_fields():
    for declaration in (CHAMPS_GOUVERNES, CHAMPS_DE_CONFIGURATION):
        for label, champs in declaration.items():
            noms = {f.name for f in apps.get_model(label)._meta.get_fields()}
            assert set(champs) <= noms, (label, set(champs) - noms)


@pytest.fixture
def tout(referentiel, settings, porteur_a, membre_copil):
    """One row at least behind every change page of the admin: the demo, and what it lacks."""
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())
    monde(porteur_a=porteur_a)
    seance_copil(secretaire=membre_copil, dossiers=1)


def _editables(model_admin, request, obj) -> dict[str, set[str]]:
    """What a form of this admin lets the user type, as Django's changeform_view builds it: the form's fields when
    the user may add (obj None) or change, and each inline's where they may add or change its rows."""
    peut = model_admin.has_change_permission(request, obj) if obj else model_admin.has_add_permission(request)
    if not peut:
        return {}
    fieldsets = model_admin.get_fieldsets(request, obj)
    champs = [c for _, options in fieldsets for c in _aplatir(options["fields"])]
    formulaire = model_admin.get_form(request, obj, change=obj is not None, fields=champs)
    editables = {model_admin.model._meta.label: set(formulaire.base_fields)}
    for formset, inline in model_admin.get_formsets_with_inlines(request, obj):
        if inline.has_change_permission(request, obj) or inline.has_add_permission(request, obj):
            editables.setdefault(inline.model._meta.label, set()).update(formset.form.base_fields)
    return editables


def _aplatir(champs):
    for champ in champs:
        yield from (champ if isinstance(champ, list | tuple) else [champ])


def test_no_admin_form_lets_anyone_edit_a_governed_field(rf, tout, administrateur, instructeur, membre_copil):
    vus, fautes = 0, []
    for user in (administrateur, instructeur, membre_copil):
        requete = rf.get("/")
        requete.user = user
        for site in all_sites:
            for modele, model_admin in site._registry.items():
                objets = [None, *modele.objects.order_by("pk")[:3]]
                if modele._meta.app_label in APPS_DU_PROJET and model_admin.has_change_permission(requete):
                    assert len(objets) > 1, f"aucun {modele._meta.label} pour vérifier sa page de modification"
                for obj in objets:
                    for label, champs in _editables(model_admin, requete, obj).items():
                        vus += 1
                        fautes += [f"{user} {label}.{c} ({'ajout' if obj is None else 'modification'})" for c in
                                   champs & _interdits(apps.get_model(label))]  # fmt: skip
    assert vus > 100
    assert not fautes, "champs gouvernés modifiables : " + ", ".join(sorted(set(fautes)))


# --- Regression of issue 17: re-posting the dossier's change form rewrote a closed séance's voted amount. ---

MODELES = ["projets.LigneFinancement", "projets.DecisionLigne", "projets.Depot", "projets.TransitionDossier"]
CHAMPS_DU_DOSSIER = ["etat", "publie", "porteur", "campagne", "numero", "version", "depose_le"]


def _formulaire(client, url) -> dict[str, list[str]]:
    (formulaire,) = [f for f in formulaires_de(client.get(url), url) if f.action != reverse("admin:logout")]
    envoi: dict[str, list[str]] = {}
    for nom, valeur in formulaire.champs:
        envoi.setdefault(nom, []).append(valeur)
    return envoi


@pytest.mark.parametrize("persona", ["membre_copil", "instructeur", "administrateur"])
def test_reposting_the_dossier_form_with_other_amounts_state_or_owner_changes_nothing(request, client, persona):
    copil = copil_clos()
    dossier = copil.dossiers["refuse"]  # not retenu, not published: publie=on would be a change
    autre_campagne, autre_porteur = CampagneFactory(), PorteurFactory()
    client.force_login(request.getfixturevalue(persona))
    url = reverse("admin:projets_dossier_change", args=[dossier.pk])
    envoi = _formulaire(client, url)
    ligne = dossier.lignes_financement.get()
    envoi |= {
        "etat": [EtatDossier.RETENU],
        "publie": ["on"],
        "porteur": [str(autre_porteur.pk)],
        "campagne": [str(autre_campagne.pk)],
        "numero": ["CV-PIRATE"],
        # The inline as it was before the fix, whether or not the page still shows it.
        "lignes_financement-TOTAL_FORMS": ["1"],
        "lignes_financement-INITIAL_FORMS": ["1"],
        "lignes_financement-0-id": [str(ligne.pk)],
        "lignes_financement-0-dossier": [str(dossier.pk)],
        "lignes_financement-0-financeur": [str(ligne.financeur_id)],
        "lignes_financement-0-nature": [ligne.nature],
        "lignes_financement-0-montant_demande": ["99999.00"],
        "lignes_financement-0-montant_propose": ["99999.00"],
        "lignes_financement-0-montant_vote": ["99999.00"],
        "lignes_financement-0-avis": ["favorable"],
        "lignes_financement-0-version": [str(ligne.version)],
    }
    avant = photo(MODELES), list(Dossier.objects.order_by("pk").values(*CHAMPS_DU_DOSSIER))
    reponse = client.post(url, envoi)
    assert reponse.status_code in (200, 302, 403)
    assert (photo(MODELES), list(Dossier.objects.order_by("pk").values(*CHAMPS_DU_DOSSIER))) == avant
    dossier.refresh_from_db()
    ligne.refresh_from_db()
    assert (dossier.etat, dossier.publie, dossier.porteur_id) == (
        EtatDossier.NON_RETENU,
        False,
        copil.porteurs["b"].pk,
    )
    assert ligne.montant_vote == 0


def test_the_dossier_page_still_shows_the_voted_amounts(client, administrateur):
    copil = copil_clos()
    client.force_login(administrateur)
    page = client.get(reverse("admin:projets_dossier_change", args=[copil.dossiers["retenu"].pk]))
    texte = page.content.decode()
    assert page.status_code == 200
    assert "9000" in texte.replace("\u202f", "").replace(" ", "").replace(",00", "") or "9 000" in texte
    assert 'name="lignes_financement-0-montant_vote"' not in texte


@pytest.mark.parametrize("persona", ["partenaire_cotech", "administrateur"])
def test_reverting_a_dossier_to_a_past_version_is_refused(request, client, persona):
    """simple-history's revert saved the whole past row (state, publication included) on a mere view permission."""
    copil = copil_clos()
    dossier = copil.dossiers["retenu"]
    dossier.campagne.partenaires_invites.add(request.getfixturevalue("partenaire_cotech"))
    passee = dossier.history.earliest("history_date")
    Dossier.objects.filter(pk=dossier.pk).update(publie=True)
    client.force_login(request.getfixturevalue(persona))
    url = reverse("admin:projets_dossier_simple_history", args=[dossier.pk, passee.history_id])
    envoi = {"intitule": dossier.intitule, "axes": [a.pk for a in dossier.axes.all()], "_change_history": "1"}
    assert client.post(url, envoi).status_code == 403
    dossier.refresh_from_db()
    assert dossier.publie and dossier.etat == EtatDossier.RETENU
