"""The audit trail: every state transition and every amount change, made through the services (or the porteur's
page) by a known person, leaves a record of who, when, before and after.

States of a dossier are logged in TransitionDossier (its history rows are written by one conditional UPDATE);
everything else in the django-simple-history records, compared with `diff_against`. The services are called
outside any request, as Celery, the commands and the demo call them: the author must come from the service.
"""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from enjeux.factories import AxeStrategiqueFactory
from projets.enums import Avis, Decision, ElementComplement, EtatDossier, MomentQuestion, StatutSeance, TypeInstance
from projets.factories import (
    ConvocationFactory,
    EnveloppeFactory,
    InstanceFactory,
    MembreInstanceFactory,
    PorteurMembreFactory,
    SeanceFactory,
    dossier_depose,
    dossier_pret_a_deposer,
)
from projets.models import ControleRecevabilite, DecisionLigne, Dossier, QuestionEgalite, TransitionDossier
from projets.services import copil, instruction
from projets.services.complements import complements_repondre
from projets.services.dossiers import dossier_submit, dossier_withdraw
from projets.workflows import TRANSITIONS
from suivi.enums import EtatBilan, TypeVersement
from suivi.models import Convention, SuiviAction, Versement
from suivi.services.actions import action_cancel, action_finish, action_start
from suivi.services.bilans import bilan_open, bilan_return, bilan_save, bilan_submit, bilan_validate
from suivi.services.conventions import convention_add_year, convention_create, convention_sign
from suivi.services.versements import versement_pay
from tests.helpers.copil import dossier_instruit
from tests.helpers.suivi import dossier_en_cours, dossier_vote, question_q6

pytestmark = pytest.mark.django_db

E = EtatDossier
PARCOURUES: set[tuple[str, str]] = set()


def assert_transition(dossier: Dossier, de: str, vers: str, by) -> Dossier:
    """The last logged state change of the dossier is (de → vers), by `by`, just now."""
    log = TransitionDossier.objects.filter(dossier=dossier).latest("le", "pk")
    assert (log.de, log.vers, log.par) == (de, vers, by)
    assert abs(timezone.now() - log.le) < datetime.timedelta(minutes=1)
    dossier.refresh_from_db()
    assert dossier.etat == vers
    PARCOURUES.add((de, vers))
    return dossier


def dernier_changement(objet, champ: str, *, model=None):
    """The newest history record where `champ` changed (or was set, or the object deleted), and the one before."""
    records = list(
        (model or type(objet)).history.filter(id=objet.pk).order_by("history_date", "history_id") if objet.pk else []
    )
    for i in range(len(records) - 1, -1, -1):
        record, precedent = records[i], records[i - 1] if i else None
        if record.history_type == "-":
            return record, precedent
        if precedent is None:
            if getattr(record, champ) not in (None, ""):
                return record, None
        elif champ in record.diff_against(precedent).changed_fields:
            return record, precedent
    raise AssertionError(f"aucun changement de {champ} dans l'historique de {objet!r}")


def assert_historique(objet, champ: str, avant, apres, by, *, model=None, history_type="~"):
    record, precedent = dernier_changement(objet, champ, model=model)
    assert record.history_user == by, f"{type(objet).__name__}.{champ} : auteur {record.history_user} au lieu de {by}"
    assert abs(timezone.now() - record.history_date) < datetime.timedelta(minutes=1)
    assert record.history_type == history_type
    if history_type == "+":
        assert precedent is None and avant is None
    else:
        assert precedent is not None and getattr(precedent, champ) == avant
    if history_type != "-":
        assert getattr(record, champ) == apres


@pytest.fixture
def monde(client, instructeur, membre_copil):
    """A complete draft, its porteuse, a COPIL instance with three members present and enveloppes."""
    dossier = dossier_pret_a_deposer()
    porteuse = PorteurMembreFactory(porteur=dossier.porteur, est_gestionnaire=True).user
    campagne = dossier.campagne
    instance = InstanceFactory(contrat=campagne.contrat, type=TypeInstance.COPIL, nom="Comité de pilotage")
    seance = SeanceFactory(campagne=campagne, comite=instance)
    for _ in range(3):
        ConvocationFactory(seance=seance, membre=MembreInstanceFactory(comite=instance), present=True)
    ville = dossier.lignes_financement.get(financeur__nom="Ville").financeur
    etat = dossier.lignes_financement.get(financeur__nom="État").financeur
    for financeur in (ville, etat):
        EnveloppeFactory(campagne=campagne, financeur=financeur, montant=Decimal("100000"))
    dossier.axes.add(AxeStrategiqueFactory(enjeu__contrat=campagne.contrat))
    question_q6()
    return dossier, porteuse, seance, ville, etat


def parcours_du_brouillon_au_solde(client, monde, instructeur, membre_copil):
    dossier, porteuse, seance, ville, etat = monde
    ligne_ville = dossier.lignes_financement.get(financeur=ville)
    ligne_etat = dossier.lignes_financement.get(financeur=etat)

    # Montant demandé: on her budget page, the porteuse moves 500 € of what she asks from the Ville to the État.
    client.force_login(porteuse)
    budget = {f"compte_{ligne.compte}": str(ligne.montant) for ligne in dossier.lignes_budget.all()}
    budget |= {f"financeur_{ville.pk}": "7000.00", f"financeur_{etat.pk}": "5500.00"}
    reponse = client.post(reverse("dossier_etape", args=[dossier.pk, "budget"]), budget)
    assert reponse.status_code < 400
    ligne_ville.refresh_from_db()
    ligne_etat.refresh_from_db()
    assert_historique(ligne_ville, "montant_demande", Decimal("7500.00"), Decimal("7000.00"), porteuse)
    assert_historique(ligne_etat, "montant_demande", Decimal("5000.00"), Decimal("5500.00"), porteuse)

    dossier_submit(dossier=dossier, by=porteuse)
    dossier = assert_transition(dossier, E.BROUILLON, E.DEPOSE, porteuse)

    demain = timezone.localdate() + datetime.timedelta(days=15)
    demande = dict(elements=[ElementComplement.ACTION], message="Précisez le public.", date_limite=demain)
    instruction.complements_demander(dossier=dossier, by=instructeur, **demande)
    dossier = assert_transition(dossier, E.DEPOSE, E.COMPLEMENTS_DEMANDES, instructeur)
    complements_repondre(dossier=dossier, by=porteuse)
    dossier = assert_transition(dossier, E.COMPLEMENTS_DEMANDES, E.EN_INSTRUCTION, porteuse)
    instruction.complements_demander(dossier=dossier, by=instructeur, **demande)
    dossier = assert_transition(dossier, E.EN_INSTRUCTION, E.COMPLEMENTS_DEMANDES, instructeur)
    criteres = dict.fromkeys(ControleRecevabilite.CRITERES, True)
    instruction.recevabilite_save(dossier=dossier, by=instructeur, criteres=criteres, commentaire="")
    instruction.dossier_declare_recevable(dossier=dossier, by=instructeur)
    dossier = assert_transition(dossier, E.COMPLEMENTS_DEMANDES, E.EN_INSTRUCTION, instructeur)

    # Montant proposé by the instruction, line by line.
    for ligne, montant in ((ligne_ville, Decimal("6000")), (ligne_etat, Decimal("4000"))):
        ligne.refresh_from_db()
        instruction.ligne_avis_save(
            ligne=ligne, by=instructeur, version=ligne.version, avis=Avis.FAVORABLE, commentaire="",
            montant_propose=montant,
        )  # fmt: skip
        assert_historique(ligne, "montant_propose", None, montant, instructeur)
    instruction.analyse_save(dossier=dossier, by=instructeur, version=dossier.version, notes={}, synthese="Utile.")
    dossier.refresh_from_db()
    instruction.dossier_propose_au_copil(dossier=dossier, by=instructeur)
    dossier = assert_transition(dossier, E.EN_INSTRUCTION, E.INSTRUIT, instructeur)
    instruction.dossier_reprendre_instruction(dossier=dossier, by=instructeur)
    dossier = assert_transition(dossier, E.INSTRUIT, E.EN_INSTRUCTION, instructeur)
    instruction.dossier_propose_au_copil(dossier=dossier, by=instructeur)
    dossier = assert_transition(dossier, E.EN_INSTRUCTION, E.INSTRUIT, instructeur)

    # COPIL: a second dossier, refused on every line, ends non retenu at the closing.
    refuse = dossier_instruit(campagne=dossier.campagne, etat=etat, ville=ville)
    copil.ordre_du_jour_preparer(seance=seance, by=membre_copil)
    for decision in DecisionLigne.objects.filter(seance=seance).select_related("ligne"):
        if decision.ligne.dossier_id == refuse.pk:
            choix, montant, motif = Decision.REFUSE, None, "Hors priorités."
        else:
            choix, montant, motif = Decision.ACCORDE, decision.ligne.montant_propose, ""
        copil.decision_enregistrer(
            decision=decision, by=membre_copil, version=decision.version, choix=choix, montant_vote=montant,
            motif=motif,
        )  # fmt: skip
        assert_historique(decision, "decision", "", choix, membre_copil)
        if montant:
            assert_historique(decision, "montant_vote", None, montant, membre_copil)
    copil.seance_clore(seance=seance, by=membre_copil)
    seance.refresh_from_db()
    assert_historique(seance, "statut", StatutSeance.PREPARATION, StatutSeance.CLOSE, membre_copil)
    dossier = assert_transition(dossier, E.INSTRUIT, E.RETENU, membre_copil)
    assert_transition(refuse, E.INSTRUIT, E.NON_RETENU, membre_copil)
    for ligne, montant in ((ligne_ville, Decimal("6000.00")), (ligne_etat, Decimal("4000.00"))):
        ligne.refresh_from_db()
        assert_historique(ligne, "montant_vote", None, montant, membre_copil)

    # Amendments: every line refused (non retenu), then the État's granted again (retenu).
    amendements = [
        (ligne_ville, Decision.REFUSE, None, Decimal("0.00")),
        (ligne_etat, Decision.REFUSE, None, Decimal("0.00")),
        (ligne_etat, Decision.ACCORDE, Decimal("3500.00"), Decimal("3500.00")),
    ]
    for ligne, choix, vote, final in amendements:
        avant = ligne.montant_vote
        decision = DecisionLigne.objects.get(seance=seance, ligne=ligne)
        copil.decision_amender(
            decision=decision, by=membre_copil, choix=choix, montant_vote=vote, motif="Recours gracieux.",
            motif_amendement="Erreur matérielle.",
        )  # fmt: skip
        ligne.refresh_from_db()
        assert_historique(ligne, "montant_vote", avant, final, membre_copil)
        assert_historique(decision, "decision", Decision.ACCORDE if choix == Decision.REFUSE else Decision.REFUSE,
                          choix, membre_copil)  # fmt: skip
        if ligne is ligne_etat and choix == Decision.REFUSE:
            dossier = assert_transition(dossier, E.RETENU, E.NON_RETENU, membre_copil)
    dossier = assert_transition(dossier, E.NON_RETENU, E.RETENU, membre_copil)

    # Suivi: the convention's amounts, its signature, the payments, the action's dates, the bilan.
    convention = convention_create(dossiers=[dossier], by=instructeur)
    engagement = convention.engagements.get()
    assert_historique(engagement, "montant", None, Decimal("3500.00"), instructeur, history_type="+")
    convention_sign(convention=convention, date_signature=timezone.localdate(), by=instructeur)
    convention.refresh_from_db()
    assert_historique(convention, "date_signature", None, timezone.localdate(), instructeur)
    dossier = assert_transition(dossier, E.RETENU, E.CONVENTIONNE, instructeur)
    avance = Versement.objects.get(ligne=ligne_etat, type=TypeVersement.AVANCE)
    solde = Versement.objects.get(ligne=ligne_etat, type=TypeVersement.SOLDE)
    assert_historique(avance, "montant_prevu", None, Decimal("2800.00"), instructeur, history_type="+")
    assert_historique(solde, "montant_prevu", None, Decimal("700.00"), instructeur, history_type="+")

    action_start(dossier=dossier, debut=dossier.date_debut, by=instructeur)
    dossier = assert_transition(dossier, E.CONVENTIONNE, E.EN_COURS, instructeur)
    assert_historique(dossier.suivi_action, "debut_reel", None, dossier.date_debut, instructeur, history_type="+")
    versement_pay(versement=avance, montant=Decimal("2800.00"), date_versement=timezone.localdate(), by=instructeur)
    avance.refresh_from_db()
    assert_historique(avance, "montant_verse", None, Decimal("2800.00"), instructeur)
    action_finish(dossier=dossier, fin=dossier.date_fin, by=instructeur)
    dossier = assert_transition(dossier, E.EN_COURS, E.REALISE, instructeur)
    suivi = SuiviAction.objects.get(dossier=dossier)
    assert_historique(suivi, "fin_reelle", None, dossier.date_fin, instructeur)

    bilan = bilan_open(dossier=dossier)
    bilan = bilan_save(
        bilan=bilan,
        version=bilan.version,
        valeurs={
            "realisation": "Douze ateliers.",
            "public_femmes": 30,
            "public_hommes": 10,
            "lieux": "Maison de quartier",
        },
        budget={ligne.pk: (ligne.prevu, "") for ligne in bilan.lignes_budget.all()},
        quartiers={},
        egalite={q.pk: (["oui"], "") for q in QuestionEgalite.objects.filter(moment=MomentQuestion.BILAN)},
        by=porteuse,
    )
    bilan_submit(bilan=bilan, by=porteuse)
    bilan.refresh_from_db()
    dossier = assert_transition(dossier, E.REALISE, E.BILAN_DEPOSE, porteuse)
    assert_historique(bilan, "etat", EtatBilan.BROUILLON, EtatBilan.DEPOSE, porteuse)
    bilan_return(bilan=bilan, by=instructeur, motif="Joignez les feuilles d'émargement.")
    dossier = assert_transition(dossier, E.BILAN_DEPOSE, E.REALISE, instructeur)
    bilan.refresh_from_db()
    assert_historique(bilan, "etat", EtatBilan.DEPOSE, EtatBilan.A_CORRIGER, instructeur)
    bilan_submit(bilan=bilan, by=porteuse)
    dossier = assert_transition(dossier, E.REALISE, E.BILAN_DEPOSE, porteuse)
    bilan.refresh_from_db()
    assert_historique(bilan, "etat", EtatBilan.A_CORRIGER, EtatBilan.DEPOSE, porteuse)
    bilan_validate(bilan=bilan, by=instructeur)
    bilan.refresh_from_db()
    assert_historique(bilan, "etat", EtatBilan.DEPOSE, EtatBilan.VALIDE, instructeur)
    dossier = assert_transition(dossier, E.BILAN_DEPOSE, E.BILAN_VALIDE, instructeur)
    solde.refresh_from_db()
    assert_historique(solde, "date_prevue", None, solde.date_prevue, instructeur)

    versement_pay(versement=solde, montant=Decimal("700.00"), date_versement=timezone.localdate(), by=instructeur)
    solde.refresh_from_db()
    assert_historique(solde, "montant_verse", None, Decimal("700.00"), instructeur)
    assert_transition(dossier, E.BILAN_VALIDE, E.TERMINE, instructeur)


def parcours_retraits_et_irrecevabilites(instructeur):
    demain = timezone.localdate() + datetime.timedelta(days=15)
    demande = dict(elements=[ElementComplement.ACTION], message="Précisez le public.", date_limite=demain)

    def porteuse_de(dossier):
        return dossier.porteur.membres.get().user

    dossier = dossier_depose()
    dossier_withdraw(dossier=dossier, by=porteuse_de(dossier), motif="Action reportée.")
    assert_transition(dossier, E.DEPOSE, E.RETIRE, porteuse_de(dossier))

    dossier = dossier_depose()
    instruction.dossier_declare_irrecevable(dossier=dossier, by=instructeur, motif="Hors quartier.")
    assert_transition(dossier, E.DEPOSE, E.IRRECEVABLE, instructeur)

    dossier = dossier_depose()
    instruction.complements_demander(dossier=dossier, by=instructeur, **demande)
    dossier.refresh_from_db()
    dossier_withdraw(dossier=dossier, by=porteuse_de(dossier), motif="Nous renonçons.")
    assert_transition(dossier, E.COMPLEMENTS_DEMANDES, E.RETIRE, porteuse_de(dossier))

    dossier = dossier_depose()
    instruction.complements_demander(dossier=dossier, by=instructeur, **demande)
    dossier.refresh_from_db()
    instruction.dossier_declare_irrecevable(dossier=dossier, by=instructeur, motif="Pièces jamais reçues.")
    assert_transition(dossier, E.COMPLEMENTS_DEMANDES, E.IRRECEVABLE, instructeur)

    dossier = dossier_depose()
    criteres = dict.fromkeys(ControleRecevabilite.CRITERES, True)
    instruction.recevabilite_save(dossier=dossier, by=instructeur, criteres=criteres, commentaire="")
    instruction.dossier_declare_recevable(dossier=dossier, by=instructeur)
    dossier = assert_transition(dossier, E.DEPOSE, E.EN_INSTRUCTION, instructeur)
    instruction.dossier_declare_irrecevable(dossier=dossier, by=instructeur, motif="Doublon.")
    assert_transition(dossier, E.EN_INSTRUCTION, E.IRRECEVABLE, instructeur)


def test_a_cancelled_action_keeps_who_withdrew_the_payments_not_made(membre_copil, instructeur):
    dossier = dossier_en_cours(membre_copil=membre_copil, instructeur=instructeur)
    soldes = list(Versement.objects.filter(ligne__dossier=dossier, date_versement__isnull=True))
    assert soldes
    action_cancel(dossier=dossier, le=timezone.localdate(), motif="Local fermé.", by=instructeur)
    suivi = SuiviAction.objects.get(dossier=dossier)
    assert_historique(suivi, "annulee_le", None, timezone.localdate(), instructeur, history_type="+")
    for solde in soldes:
        assert_historique(solde, "montant_prevu", solde.montant_prevu, None, instructeur, history_type="-")


def test_the_later_year_of_a_pluriannual_convention_records_its_voted_amounts(membre_copil, instructeur):
    premier = dossier_en_cours(membre_copil=membre_copil, instructeur=instructeur)
    convention = Convention.objects.get(dossiers=premier)
    convention.annee_fin, convention.type = convention.annee_debut + 1, "pluriannuelle"
    convention.save()
    suivant = dossier_vote(membre_copil=membre_copil)
    Dossier.objects.filter(pk=suivant.pk).update(porteur=premier.porteur)
    suivant.campagne.annee = convention.annee_debut + 1
    suivant.campagne.save()
    suivant.refresh_from_db()
    convention_add_year(convention=convention, dossier=suivant, by=instructeur)
    for engagement in convention.engagements.filter(annee=convention.annee_fin):
        assert_historique(engagement, "montant", None, engagement.montant, instructeur, history_type="+")
    assert_transition(suivant, E.RETENU, E.CONVENTIONNE, instructeur)


def test_every_transition_of_the_table_leaves_who_when_from_what_to_what(client, monde, instructeur, membre_copil):
    """From the draft to the solde paid, with compléments, a return to instruction, a closed séance and amendments
    each way; then the withdrawals and the irrecevabilités: every (from, to) pair of the state machine, each
    amount (demandé, proposé, voté, amended, conventionné, planned, paid) with its author."""
    PARCOURUES.clear()
    parcours_du_brouillon_au_solde(client, monde, instructeur, membre_copil)
    parcours_retraits_et_irrecevabilites(instructeur)
    assert set(TRANSITIONS) - PARCOURUES == set()
