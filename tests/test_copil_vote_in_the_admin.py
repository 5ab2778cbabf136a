"""The COPIL runs its séance in the admin: vote grid, batch validation, recusal, closing, amendment pages."""

from decimal import Decimal

import pytest
from django.urls import reverse

from projets.enums import Decision, EtatDossier, StatutSeance
from projets.factories import DossierFactory, LigneFinancementFactory, RecusationFactory
from projets.models import DecisionLigne
from tests.helpers.copil import seance_copil
from tests.helpers.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def _url(nom, seance, *args):
    return reverse(f"admin:projets_seance_{nom}", args=[seance.pk, *args])


def _post_grille(client, seance, valeurs):
    """Post the whole grid as the browser does: every editable line, with the values given for some."""
    data = {"enregistrer": "1"}
    for decision in DecisionLigne.objects.filter(seance=seance):
        actuel = (decision.decision, decision.montant_vote or "", decision.motif)
        choix, montant, motif = valeurs.get(decision.pk, actuel)
        prefixe = f"l{decision.pk}-"
        data |= {
            prefixe + "decision": choix,
            prefixe + "montant_vote": montant,
            prefixe + "motif": motif,
            prefixe + "version": decision.version,
        }
    return client.post(_url("vote", seance), data)


def test_the_seance_page_shows_quorum_totals_and_the_way_to_vote(client, membre_copil):
    scenario = seance_copil(secretaire=membre_copil)
    client.force_login(membre_copil)

    page = client.get(reverse("admin:projets_seance_change", args=[scenario.seance.pk])).content.decode()

    assert "Quorum atteint : 3 siège(s) représenté(s) sur 3, 2 requis." in page
    assert "Ouvrir l'ordre du jour et voter" in page
    assert "Montants par financeur dans la campagne" in page
    assert 'name="convocations-0-present"' in page  # presence is ticked on this page


def test_votes_typed_the_french_way_are_saved_and_errors_keep_the_input(client, membre_copil):
    scenario = seance_copil(secretaire=membre_copil, dossiers=1)
    etat, ville = (DecisionLigne.objects.get(seance=scenario.seance, ligne__financeur=f) for f in scenario.financeurs)
    client.force_login(membre_copil)

    reponse = _post_grille(
        client, scenario.seance, {etat.pk: ("accorde", "7 500,00 €", ""), ville.pk: ("refuse", "", "")}
    )

    assert reponse.status_code == 200
    page = reponse.content.decode()
    assert "Un refus doit être motivé : la structure recevra ce motif." in page
    etat.refresh_from_db()
    ville.refresh_from_db()
    assert (etat.decision, etat.montant_vote) == (Decision.ACCORDE, Decimal("7500.00"))
    assert ville.decision == ""
    assert 'value="refuse" selected' in page  # the invalid line keeps what was typed

    reponse = _post_grille(client, scenario.seance, {ville.pk: ("refuse", "", "Hors priorités")})
    assert reponse.status_code == 302
    ville.refresh_from_db()
    assert (ville.decision, ville.motif) == (Decision.REFUSE, "Hors priorités")


def test_a_recused_member_sees_the_line_without_inputs(client, membre_copil):
    scenario = seance_copil(secretaire=membre_copil, dossiers=2)
    siege = scenario.membres[0]
    siege.user = membre_copil
    siege.save()
    RecusationFactory(seance=scenario.seance, dossier=scenario.dossiers[0], membre=siege, motif="Trésorière")
    recusee = DecisionLigne.objects.filter(seance=scenario.seance, ligne__dossier=scenario.dossiers[0]).first()
    libre = DecisionLigne.objects.filter(seance=scenario.seance, ligne__dossier=scenario.dossiers[1]).first()
    client.force_login(membre_copil)

    page = client.get(_url("vote", scenario.seance)).content.decode()

    assert "Vous êtes déporté ou déportée : pas de vote sur ce dossier." in page
    assert f'name="l{recusee.pk}-decision"' not in page
    assert f'name="l{libre.pk}-decision"' in page
    assert "Trésorière" in page


def test_batch_action_validates_the_proposals_of_the_ticked_dossiers(client, membre_copil):
    scenario = seance_copil(secretaire=membre_copil, dossiers=2)
    client.force_login(membre_copil)

    reponse = client.post(
        _url("vote", scenario.seance),
        {"lot": "1", "action": "valider_propositions", "dossiers": [scenario.dossiers[0].pk]},
        follow=True,
    )

    assert "Propositions validées pour 2 ligne(s)." in reponse.content.decode()
    decisions = DecisionLigne.objects.filter(seance=scenario.seance)
    assert decisions.filter(ligne__dossier=scenario.dossiers[0], decision="").count() == 0
    assert decisions.filter(ligne__dossier=scenario.dossiers[1], decision="").count() == 2


def test_closing_page_asks_to_confirm_an_exceeded_enveloppe(client, membre_copil):
    scenario = seance_copil(secretaire=membre_copil, dossiers=2, enveloppe="10000")
    client.force_login(membre_copil)
    lot = {"lot": "1", "action": "valider_propositions", "dossiers": [d.pk for d in scenario.dossiers]}
    client.post(_url("vote", scenario.seance), lot)

    page = client.get(_url("clore", scenario.seance)).content.decode()
    assert "Attention, enveloppe dépassée" in page
    refus = client.post(_url("clore", scenario.seance), {})
    assert "confirmez explicitement" in refus.content.decode()
    scenario.seance.refresh_from_db()
    assert scenario.seance.statut == StatutSeance.PREPARATION

    client.post(_url("clore", scenario.seance), {"confirmer_depassement": "on"})
    scenario.seance.refresh_from_db()
    assert scenario.seance.statut == StatutSeance.CLOSE
    assert {d.etat for d in DossierFactory._meta.model.objects.filter(pk__in=[d.pk for d in scenario.dossiers])} == {
        EtatDossier.RETENU
    }


def test_amending_a_locked_decision_from_the_admin(client, membre_copil):
    scenario = seance_copil(secretaire=membre_copil, dossiers=1)
    client.force_login(membre_copil)
    lot = {"lot": "1", "action": "valider_propositions", "dossiers": [scenario.dossiers[0].pk]}
    client.post(_url("vote", scenario.seance), lot)
    client.post(_url("clore", scenario.seance), {})
    decision = DecisionLigne.objects.get(seance=scenario.seance, ligne__financeur=scenario.financeurs[0])
    assert decision.verrouillee

    vide = client.post(_url("amender", scenario.seance, decision.pk), {"decision": "accorde", "montant_vote": "6000"})
    assert "Un amendement doit être motivé : indiquez pourquoi la décision change." in vide.content.decode()

    client.post(
        _url("amender", scenario.seance, decision.pk),
        {"decision": "accorde", "montant_vote": "6 000", "motif_amendement": "Erreur de report en séance"},
    )
    decision.refresh_from_db()
    assert decision.montant_vote == Decimal("6000")
    assert decision.amendements.get().motif == "Erreur de report en séance"


@pytest.mark.parametrize("persona", ["instructeur", "partenaire_cotech"])
def test_other_staff_cannot_record_votes(client, membre_copil, persona, request):
    scenario = seance_copil(secretaire=membre_copil, dossiers=1)
    scenario.seance.campagne.partenaires_invites.add(request.getfixturevalue(persona))
    client.force_login(request.getfixturevalue(persona))
    decision = DecisionLigne.objects.filter(seance=scenario.seance).first()

    reponse = _post_grille(client, scenario.seance, {decision.pk: ("accorde", "1000", "")})

    decision.refresh_from_db()
    assert decision.decision == ""
    assert reponse.status_code in (200, 403)


def test_the_vote_page_runs_a_constant_number_of_queries(client, membre_copil):
    scenario = seance_copil(secretaire=membre_copil, dossiers=2)
    client.force_login(membre_copil)
    campagne, (etat, ville) = scenario.seance.campagne, scenario.financeurs

    def grow():
        dossier = DossierFactory(campagne=campagne, etat=EtatDossier.INSTRUIT)
        dossier.numero = f"CV-X-{dossier.pk}"
        dossier.save()
        LigneFinancementFactory(dossier=dossier, financeur=etat, montant_propose=Decimal("1000"))
        DecisionLigne.objects.create(
            seance=scenario.seance, ligne=LigneFinancementFactory(dossier=dossier, financeur=ville)
        )
        DecisionLigne.objects.create(seance=scenario.seance, ligne=dossier.lignes_financement.first())
        scenario.seance.examens.create(dossier=dossier, rang=99)

    assert_constant_queries(lambda: client.get(_url("vote", scenario.seance)), grow)


def test_the_secretariat_changes_the_agenda_order_on_the_seance_page(client, administrateur):
    scenario = seance_copil(secretaire=administrateur, dossiers=2)
    premier, second = scenario.seance.examens.order_by("rang")
    client.force_login(administrateur)
    url = reverse("admin:projets_seance_change", args=[scenario.seance.pk])
    page = client.get(url)
    formulaire = page.context["adminform"].form
    donnees = {"date": "12/03/2031", "lieu": "Mairie", "compte_rendu": ""}
    for formset in page.context["inline_admin_formsets"]:
        fs = formset.formset
        donnees |= {
            f"{fs.prefix}-TOTAL_FORMS": fs.total_form_count(),
            f"{fs.prefix}-INITIAL_FORMS": fs.initial_form_count(),
        }
        for form in fs.forms:
            donnees[f"{form.prefix}-id"] = form.instance.pk
            donnees[f"{form.prefix}-{fs.fk.name}"] = scenario.seance.pk
            if "present" in form.fields:
                donnees[f"{form.prefix}-present"] = "on"
            if "rang" in form.fields:
                donnees[f"{form.prefix}-rang"] = 1 if form.instance.pk == second.pk else 2
    assert formulaire is not None
    reponse = client.post(url, donnees)
    assert reponse.status_code == 302, reponse.context and reponse.context["errors"]
    assert list(scenario.seance.examens.order_by("rang").values_list("pk", flat=True)) == [second.pk, premier.pk]
