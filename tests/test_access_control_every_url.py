"""Every URL of the site (the admin apart: Django checks its permissions), visited as anonymous and as each
persona, against an explicit table of who may read what. A URL missing from the table fails the test, so each
new page is classified when it is added. IDOR: porteur B gets nothing of porteur A's, nor does a COTECH partner
not invited to the campagne. Porteur A's never-deposited draft is read by porteur A only: no staff, partner, COPIL,
conseil citoyen or administrateur (issue 17). Every export (queue CSV/XLSX, reports, SCDL) has its line."""

import pytest
from django.urls import URLResolver, get_resolver, reverse

from tests.helpers.monde import arguments, fermer, monde

pytestmark = pytest.mark.django_db

PERSONAS = [
    "anonyme",
    "porteur_a",
    "porteur_b",
    "instructeur",
    "partenaire_cotech",
    "membre_copil",
    "conseil_citoyen",
    "administrateur",
    "partenaire_invite",  # COTECH partner invited to the campagne, agent of a financeur the dossier asks
    "partenaire_autre_financeur",  # invited to the campagne too, agent of a financeur the dossier does not ask
]


def _se_connecter(client, request, m, persona):
    client.logout()
    if persona != "anonyme":
        client.force_login(m.partenaires_invites.get(persona) or request.getfixturevalue(persona))


def _urls():
    def parcourir(motifs, espace=""):
        for motif in motifs:
            if isinstance(motif, URLResolver):
                if str(motif.pattern).startswith("admin/"):
                    continue
                yield from parcourir(motif.url_patterns, espace + (f"{motif.namespace}:" if motif.namespace else ""))
            else:
                yield espace + motif.name, list(motif.pattern.converters)

    return sorted(parcourir(get_resolver().url_patterns))


def _issue(reponse) -> str:
    if reponse.status_code == 302:
        if reponse.url.startswith(reverse("login")) or reponse.url.startswith(reverse("admin:login")):
            return "connexion"
        return "absent" if reponse.url == reverse("admin:index") else "redirection"
    return str(reponse.status_code)


# What each persona gets on GET, in the order of PERSONAS: 200, "connexion" (sent to the login page),
# "redirection" (elsewhere), "absent" (the admin's answer for an object outside its queryset), 403/404 (refused
# without saying whether the object exists), 405 (POST only), 400/404 for the token links tried with a bad token.
# Columns: see PERSONAS. Reviewed line by line; change a line only on purpose.
ATTENDU = {
    "accueil": "200 200 200 200 200 200 200 200 200 200",
    "api_porteur": "200 200 200 200 200 200 200 200 200 200",
    "api_projet": "200 200 200 200 200 200 200 200 200 200",
    "api_projets": "200 200 200 200 200 200 200 200 200 200",
    "appel_a_projets": "200 200 200 200 200 200 200 200 200 200",
    "comptes:confirmation_resend": "200 200 200 200 200 200 200 200 200 200",
    "comptes:confirmation_resent": "200 200 200 200 200 200 200 200 200 200",
    "comptes:email_confirm": "400 400 400 400 400 400 400 400 400 400",
    "comptes:invitation_cancel": "connexion 405 405 405 405 405 405 405 405 405",
    "comptes:invitation_follow": "404 404 404 404 404 404 404 404 404 404",
    "comptes:membre_promote": "connexion 405 405 405 405 405 405 405 405 405",
    "comptes:membre_remove": "connexion 405 405 405 405 405 405 405 405 405",
    "comptes:porteur_personnes": "connexion 200 404 404 404 404 404 404 404 404",
    "comptes:signup": "200 redirection redirection redirection redirection redirection redirection redirection redirection redirection",  # noqa: E501
    "comptes:signup_sent": "200 200 200 200 200 200 200 200 200 200",
    "conseil_citoyen": "200 200 200 200 200 200 200 200 200 200",
    "cotech_examen_retirer": "connexion 405 405 405 405 405 405 405 405 405",
    "cotech_seance": "connexion 403 403 200 404 200 403 200 200 200",
    "cotech_seance_avis": "connexion 405 405 405 405 405 405 405 405 405",
    "cotech_seance_creer": "connexion 403 403 200 404 403 403 200 403 403",
    "cotech_seance_dossiers": "connexion 405 405 405 405 405 405 405 405 405",
    "cotech_seance_modifier": "connexion 403 403 200 404 403 403 200 403 403",
    "cotech_seances": "connexion 403 403 200 404 200 403 200 200 200",
    "demande_fph": "200 200 200 200 200 200 200 200 200 200",
    "document_porteur_telecharger": "connexion 200 404 200 404 200 404 200 200 200",
    "documents_porteur": "connexion 200 404 404 404 404 404 404 404 404",
    "donnees_ouvertes": "200 200 200 200 200 200 200 200 200 200",
    "donnees_personnelles": "200 200 200 200 200 200 200 200 200 200",
    "dossier_complements": "connexion redirection 404 404 404 404 404 404 404 404",
    "dossier_deposer": "connexion 405 405 405 405 405 405 405 405 405",
    "dossier_etape": "connexion redirection 404 404 404 404 404 404 404 404",
    "dossier_messages": "connexion 200 404 404 404 404 404 404 404 404",
    "dossier_nouveau": "connexion 200 200 redirection redirection redirection redirection redirection redirection redirection",  # noqa: E501
    "dossier_recepisse": "connexion 200 404 200 404 404 404 200 404 404",
    "dossier_reconduire": "connexion 405 405 405 405 405 405 405 405 405",
    "dossier_retirer": "connexion 200 404 404 404 404 404 404 404 404",
    "espace_porteur": "connexion 200 200 200 200 200 200 200 200 200",
    "file_attribuer": "connexion 405 405 405 405 405 405 405 405 405",
    "file_instruction": "connexion 403 403 200 404 200 403 200 200 200",
    "instruction": "connexion 403 403 200 200 200 403 200 200 200",
    "instruction_analyse": "connexion 405 405 405 405 405 405 405 405 405",
    "instruction_avis_ligne": "connexion 405 405 405 405 405 405 405 405 405",
    "instruction_complements": "connexion 405 405 405 405 405 405 405 405 405",
    "instruction_dossier": "connexion 403 403 200 404 200 403 200 200 200",
    "instruction_irrecevable": "connexion 405 405 405 405 405 405 405 405 405",
    "instruction_message": "connexion 405 405 405 405 405 405 405 405 405",
    "instruction_note": "connexion 405 405 405 405 405 405 405 405 405",
    "instruction_proposer": "connexion 405 405 405 405 405 405 405 405 405",
    "instruction_recevabilite": "connexion 405 405 405 405 405 405 405 405 405",
    "instruction_referent": "connexion 405 405 405 405 405 405 405 405 405",
    "instruction_referent_ligne": "connexion 405 405 405 405 405 405 405 405 405",
    "instruction_reprendre": "connexion 405 405 405 405 405 405 405 405 405",
    "lettre_decision_telecharger": "connexion 404 404 404 404 404 404 404 404 404",
    "login": "200 200 200 200 200 200 200 200 200 200",
    "logout": "405 405 405 405 405 405 405 405 405 405",
    "mentions_legales": "200 200 200 200 200 200 200 200 200 200",
    "mes_dossiers": "connexion 403 403 200 200 200 403 200 200 200",
    "openapi_public": "200 200 200 200 200 200 200 200 200 200",
    "password_change": "connexion 200 200 200 200 200 200 200 200 200",
    "password_change_done": "connexion 200 200 200 200 200 200 200 200 200",
    "password_reset": "200 200 200 200 200 200 200 200 200 200",
    "password_reset_complete": "200 200 200 200 200 200 200 200 200 200",
    "password_reset_confirm": "200 200 200 200 200 200 200 200 200 200",
    "password_reset_done": "200 200 200 200 200 200 200 200 200 200",
    "piece_jointe_ajouter": "connexion 405 405 405 405 405 405 405 405 405",
    "piece_jointe_supprimer": "connexion 405 405 405 405 405 405 405 405 405",
    "piece_jointe_telecharger": "connexion 200 404 200 404 200 404 200 200 200",
    "piece_message_telecharger": "connexion 200 404 200 404 200 404 200 200 200",
    "porteur_public": "200 200 200 200 200 200 200 200 200 200",
    "projet_public": "200 200 200 200 200 200 200 200 200 200",
    "projets_finances": "200 200 200 200 200 200 200 200 200 200",
    "repartition_publique": "200 200 200 200 200 200 200 200 200 200",
    "schema_scdl": "200 200 200 200 200 200 200 200 200 200",
    "sitemap": "200 200 200 200 200 200 200 200 200 200",
    "robots": "200 200 200 200 200 200 200 200 200 200",
    "structure_creer": "connexion 200 200 200 200 200 200 200 200 200",
    "structure_modifier": "connexion 200 404 404 404 404 404 404 404 404",
    "subventions_csv": "200 200 200 200 200 200 200 200 200 200",
    "subventions_json": "200 200 200 200 200 200 200 200 200 200",
    "suivi_action": "connexion 403 403 200 403 200 403 200 403 403",
    "suivi_bilan": "connexion 200 404 404 404 404 404 404 404 404",
    "suivi_bilan_examen": "connexion 403 403 200 403 200 403 200 403 403",
    "suivi_bilans": "connexion 403 403 200 403 200 403 200 403 403",
    "suivi_bilans_copil": "connexion 403 403 200 403 200 403 200 403 403",
    "suivi_comparaison": "connexion 403 403 200 403 200 403 200 403 403",
    "suivi_convention": "connexion 403 403 200 403 200 403 200 403 403",
    "suivi_convention_creer": "connexion 405 405 405 405 405 405 405 405 405",
    "suivi_convention_pdf": "connexion 403 403 404 403 404 403 404 403 403",
    "suivi_convention_porteur": "connexion 404 404 404 404 404 404 404 404 404",
    "suivi_conventions": "connexion 403 403 200 403 200 403 200 403 403",
    "suivi_import": "connexion 403 403 200 403 403 403 200 403 403",
    "suivi_indicateur": "connexion 403 403 200 403 200 403 200 403 403",
    "suivi_indicateurs": "connexion 403 403 200 403 200 403 200 403 403",
    "suivi_mes_actions": "connexion 200 200 200 200 200 200 200 200 200",
    "suivi_rapport_telecharger": "connexion 403 403 200 403 200 403 200 403 403",
    "suivi_rapports": "connexion 403 403 200 403 200 403 200 403 403",
    "suivi_tableau_de_bord": "connexion 403 403 200 403 200 403 200 403 403",
    "suivi_versements": "connexion 403 403 200 403 200 403 200 403 403",
    "travail_lancer": "connexion 405 405 405 405 405 405 405 405 405",
    "travail_statut": "403 403 403 200 404 200 403 200 200 200",
    "travail_telecharger": "connexion 403 403 200 404 200 403 200 200 200",
}


# Porteur A's never-deposited draft: the URLs that name a dossier (or its attachment), pointed at the draft.
# Only porteur A reads it; its instruction page, attachment and admin page are 404 or absent for everyone else.
ATTENDU_BROUILLON = {
    "dossier_complements": "connexion redirection 404 404 404 404 404 404 404 404",
    "dossier_etape": "connexion 200 404 404 404 404 404 404 404 404",
    "dossier_messages": "connexion 404 404 404 404 404 404 404 404 404",
    "dossier_recepisse": "connexion 404 404 404 404 404 404 404 404 404",
    "dossier_retirer": "connexion 200 404 404 404 404 404 404 404 404",
    "instruction_dossier": "connexion 403 403 404 404 404 403 404 404 404",
    "lettre_decision_telecharger": "connexion 404 404 404 404 404 404 404 404 404",
    "piece_jointe_telecharger": "connexion 200 404 404 404 404 404 404 404 404",
    "suivi_bilan": "connexion redirection 404 404 404 404 404 404 404 404",
    "suivi_comparaison": "connexion 403 403 404 403 404 403 404 403 403",
}

# Downloads chosen by a query string, and the admin pages of a dossier (Django checks the model permission, the
# queryset of DossierAdmin, `dossiers_visibles`, decides which dossiers: "redirection" is the admin's "not found").
ATTENDU_AUTRES = {
    "file_instruction?export=csv": "connexion 403 403 200 404 200 403 200 200 200",
    "file_instruction?export=xlsx": "connexion 403 403 200 404 200 403 200 200 200",
    "admin:projets_dossier_change": "connexion connexion connexion 200 absent 200 connexion 200 200 200",
    "admin:projets_dossier_history": "connexion connexion connexion 200 403 200 connexion 200 200 200",
    "admin:projets_dossier_change (brouillon)": "connexion connexion connexion absent absent absent connexion absent absent absent",  # noqa: E501
    "admin:projets_dossier_history (brouillon)": "connexion connexion connexion 403 403 403 connexion 403 403 403",
}
AUTRES = {
    "file_instruction?export=csv": ("file_instruction", "?export=csv", False),
    "file_instruction?export=xlsx": ("file_instruction", "?export=xlsx", False),
    "admin:projets_dossier_change": ("admin:projets_dossier_change", "", False),
    "admin:projets_dossier_history": ("admin:projets_dossier_history", "", False),
    "admin:projets_dossier_change (brouillon)": ("admin:projets_dossier_change", "", True),
    "admin:projets_dossier_history (brouillon)": ("admin:projets_dossier_history", "", True),
}


def _adresses(m) -> dict[str, str]:
    """Every line of the three tables with the URL it visits."""
    adresses = {nom: reverse(nom, kwargs=arguments(nom, cles, m)) for nom, cles in _urls()}
    cles = dict(_urls())
    for nom in ATTENDU_BROUILLON:
        adresses[f"{nom} (brouillon)"] = reverse(nom, kwargs=arguments(nom, cles[nom], m, brouillon=True))
    for ligne, (nom, requete, brouillon) in AUTRES.items():
        adresses[ligne] = (
            reverse(nom, args=[(m.brouillon if brouillon else m.dossier).pk])
            if nom.startswith("admin:")
            else reverse(nom, kwargs=arguments(nom, cles[nom], m)) + requete
        )
    return adresses


def _attendu() -> dict[str, str]:
    return {
        **ATTENDU,
        **{f"{nom} (brouillon)": issues for nom, issues in ATTENDU_BROUILLON.items()},
        **ATTENDU_AUTRES,
    }


def test_every_url_answers_each_persona_as_the_table_says(client, request, porteur_a):
    m = monde(porteur_a=porteur_a)
    assert sorted(nom for nom, _ in _urls()) == sorted(ATTENDU), "Classez chaque nouvelle URL dans ATTENDU."
    assert sorted(ATTENDU_AUTRES) == sorted(AUTRES)
    adresses = _adresses(m)
    attendu = _attendu()
    constat = {ligne: [] for ligne in adresses}
    for persona in PERSONAS:
        _se_connecter(client, request, m, persona)
        for ligne, url in adresses.items():
            reponse = client.get(url)
            fermer(reponse)
            constat[ligne].append(_issue(reponse))
    ecarts = [
        f"{ligne} : {' '.join(issues)} au lieu de {attendu[ligne]}"
        for ligne, issues in constat.items()
        if " ".join(issues) != attendu[ligne]
    ]
    assert not ecarts, "\n".join(ecarts)


@pytest.mark.parametrize("persona", ["porteur_b", "partenaire_cotech", "conseil_citoyen"])
def test_no_write_on_porteur_a_s_objects_by_someone_else(client, request, porteur_a, persona):
    """IDOR on the POST-only URLs: an empty POST on porteur A's objects is refused, never accepted."""
    m = monde(porteur_a=porteur_a)
    client.force_login(request.getfixturevalue(persona))
    index = PERSONAS.index(persona)
    acceptes = []
    for nom, cles in _urls():
        if ATTENDU[nom].split()[index] != "405" or nom == "logout":
            continue
        reponse = client.post(reverse(nom, kwargs=arguments(nom, cles, m)))
        if reponse.status_code not in (403, 404):
            acceptes.append(f"{nom} : {reponse.status_code}")
    assert not acceptes, acceptes
