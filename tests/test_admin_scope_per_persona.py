"""The admin shows each persona the rows of the user's pages, decided by the same selectors: a COTECH partner the
structures, dossiers and everything attached to them (volets, amendments, suivi, avis) of the campagnes they are
invited to only — in changelists, change pages, history pages, autocompletes and changelist filters."""

from dataclasses import dataclass

import pytest
from django.urls import reverse

from comptes.factories import UserFactory
from comptes.roles import Role
from projets.factories import (
    AmendementFactory,
    AvisConseilCitoyenFactory,
    FinanceurFactory,
    VoletFactory,
    dossier_depose,
)
from suivi.factories import (
    BilanFactory,
    ConventionFactory,
    IndicateurFactory,
    RelanceFactory,
    SuiviActionFactory,
    VersementFactory,
)

pytestmark = pytest.mark.django_db

PERSONAS = [
    "partenaire_non_invite",
    "partenaire_invite",
    "partenaire_autre_financeur",
    "membre_copil",
    "instructeur",
    "conseil_citoyen",
    "porteur",
    "administrateur",
]
PARTENAIRES = {"partenaire_non_invite", "partenaire_invite", "partenaire_autre_financeur"}
HORS_ADMIN = {"conseil_citoyen", "porteur"}
# Which side of the world each partner may read: "ici" (the campagne they are invited to), "ailleurs", or none.
COTE_DU_PARTENAIRE = {
    "partenaire_non_invite": set(),
    "partenaire_invite": {"ici"},
    "partenaire_autre_financeur": {"ailleurs"},
}

# Models scoped by a selector, with the personas whose role may view them at all (comptes/roles.py).
PROJETS = {"membre_copil", "instructeur", "administrateur"} | PARTENAIRES
SUIVI = {"membre_copil", "instructeur", "administrateur"}
MODELES = {
    "projets.porteur": PROJETS,
    "projets.dossier": PROJETS,
    "projets.volet": PROJETS,
    "projets.amendement": PROJETS,
    "suivi.convention": SUIVI,
    "suivi.versement": SUIVI,
    "suivi.bilan": SUIVI,
    "suivi.relance": SUIVI,
    "suivi.suiviaction": SUIVI,
    "suivi.indicateur": SUIVI,
    "conseil_citoyen.avisconseilcitoyen": {"instructeur", "administrateur"},
}
REFUS = (302, 403, 404)


@dataclass
class Monde:
    users: dict
    objets: dict  # side ("ici", "ailleurs") -> model label -> object


def _cote(nom: str) -> dict:
    dossier = dossier_depose(
        intitule=f"Action {nom}", porteur__raison_sociale=f"Structure {nom}", campagne__libelle=f"Appel {nom}"
    )
    campagne, porteur = dossier.campagne, dossier.porteur
    return {
        "projets.porteur": porteur,
        "projets.dossier": dossier,
        "projets.volet": VoletFactory(campagne=campagne),
        "projets.amendement": AmendementFactory(decision__seance__campagne=campagne, decision__ligne__dossier=dossier),
        "suivi.convention": ConventionFactory(porteur=porteur),
        "suivi.versement": VersementFactory(ligne__dossier=dossier),
        "suivi.bilan": BilanFactory(dossier=dossier),
        "suivi.relance": RelanceFactory(dossier=dossier),
        "suivi.suiviaction": SuiviActionFactory(dossier=dossier),
        "suivi.indicateur": IndicateurFactory(dossier=dossier, contrat=campagne.contrat),
        "conseil_citoyen.avisconseilcitoyen": AvisConseilCitoyenFactory(dossier=dossier),
    }


def _partenaire(email):
    return UserFactory(email=email, is_staff=True, roles=[Role.PARTENAIRE_COTECH])


@pytest.fixture
def monde(partenaire_cotech, membre_copil, instructeur, conseil_citoyen, porteur_a, administrateur):
    objets = {"ici": _cote("ici"), "ailleurs": _cote("ailleurs")}
    invite = _partenaire("caf@caf.example")
    objets["ici"]["projets.dossier"].campagne.partenaires_invites.add(invite)
    autre = _partenaire("bailleur@habitat.example")  # an agent of another financeur, invited elsewhere
    FinanceurFactory(nom="Bailleur social").agents.add(autre)
    objets["ailleurs"]["projets.dossier"].campagne.partenaires_invites.add(autre)
    users = {
        "partenaire_non_invite": partenaire_cotech,
        "partenaire_invite": invite,
        "partenaire_autre_financeur": autre,
        "membre_copil": membre_copil,
        "instructeur": instructeur,
        "conseil_citoyen": conseil_citoyen,
        "porteur": porteur_a,
        "administrateur": administrateur,
    }
    return Monde(users=users, objets=objets)


def _cotes_visibles(persona: str) -> set[str]:
    return COTE_DU_PARTENAIRE[persona] if persona in PARTENAIRES else {"ici", "ailleurs"}


def _url(label, vue, *args):
    app, modele = label.split(".")
    return reverse(f"admin:{app}_{modele}_{vue}", args=args)


@pytest.mark.parametrize("persona", PERSONAS)
def test_admin_pages_per_persona(client, monde, persona):
    client.force_login(monde.users[persona])
    fautes = []
    for label, roles in MODELES.items():
        peut_lire = persona in roles
        liste = client.get(_url(label, "changelist"))
        if not peut_lire:
            fautes += [f"{label} liste : {liste.status_code}"] if liste.status_code not in REFUS else []
        else:
            listes = {o.pk for o in liste.context["cl"].result_list} if liste.status_code == 200 else set()
            for cote, objets in monde.objets.items():
                attendu = cote in _cotes_visibles(persona)
                if (objets[label].pk in listes) != attendu:
                    fautes.append(f"{label} {cote} listé : {not attendu}")
        for cote, objets in monde.objets.items():
            obj = objets[label]
            attendu = peut_lire and cote in _cotes_visibles(persona)
            pages = {"modification": _url(label, "change", obj.pk), "historique": _url(label, "history", obj.pk)}
            if hasattr(obj, "history") and persona in PARTENAIRES:  # each past version (simple-history)
                pages["version"] = _url(label, "simple_history", obj.pk, obj.history.first().history_id)
            for page, url in pages.items():
                statut = client.get(url).status_code
                if (statut == 200) != attendu or statut not in (200, *REFUS):
                    fautes.append(f"{label} {cote} {page} : {statut}")
    assert not fautes, f"{persona} : " + " ; ".join(fautes)


def _autocomplete(client, source: str, champ: str) -> set[int] | int:
    app, modele = source.split(".")
    reponse = client.get(
        reverse("admin:autocomplete"), {"app_label": app, "model_name": modele, "field_name": champ, "term": "ici"}
    )
    if reponse.status_code != 200:
        return reponse.status_code
    termes = reponse.json()["results"]
    reponse = client.get(
        reverse("admin:autocomplete"), {"app_label": app, "model_name": modele, "field_name": champ, "term": ""}
    )
    return {int(r["id"]) for r in termes + reponse.json()["results"]}


@pytest.mark.parametrize("persona", PERSONAS)
def test_autocompletes_list_only_what_the_persona_may_read(client, monde, persona):
    """Structures (the conseil citoyen's association) and dossiers (the renewed one) looked up by autocomplete."""
    client.force_login(monde.users[persona])
    for source, champ, label in [
        ("conseil_citoyen.conseilcitoyen", "association_porteuse", "projets.porteur"),
        ("projets.dossier", "reconduit_de", "projets.dossier"),
    ]:
        trouves = _autocomplete(client, source, champ)
        if persona in HORS_ADMIN:
            assert trouves in REFUS, (source, trouves)
            continue
        for cote, objets in monde.objets.items():
            assert (objets[label].pk in trouves) == (cote in _cotes_visibles(persona)), (label, cote, trouves)


def test_an_uninvited_partner_lists_no_structure_and_no_other_campagne_in_the_filters(client, monde):
    client.force_login(monde.users["partenaire_non_invite"])
    for label in ("projets.porteur", "projets.dossier", "projets.volet"):
        page = client.get(_url(label, "changelist")).content.decode()
        assert "Structure ici" not in page and "Structure ailleurs" not in page, label
        assert "Appel ici" not in page and "Appel ailleurs" not in page, label


def test_an_invited_partner_sees_only_their_campagne_in_the_changelist_filters(client, monde):
    client.force_login(monde.users["partenaire_invite"])
    for label in ("projets.dossier", "projets.volet"):
        page = client.get(_url(label, "changelist")).content.decode()
        assert "Appel ici" in page and "Appel ailleurs" not in page, label
    assert "Structure ailleurs" not in client.get(_url("projets.porteur", "changelist")).content.decode()
