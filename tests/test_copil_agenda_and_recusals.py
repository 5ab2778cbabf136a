"""Preparing a COPIL séance: the dossiers proposed to the COPIL in enjeu → axe order, and automatic recusals."""

import pytest

from enjeux.factories import AxeStrategiqueFactory, EnjeuFactory
from projets.enums import EtatDossier
from projets.factories import DossierFactory, MembreInstanceFactory, PorteurFactory, PorteurMembreFactory
from projets.models import DecisionLigne, Examen, Recusation
from projets.services import copil
from tests.helpers.copil import dossier_instruit, seance_copil

pytestmark = pytest.mark.django_db


def test_agenda_lists_instruit_dossiers_by_enjeu_then_axe_with_one_line_per_financeur(membre_copil):
    scenario = seance_copil(secretaire=membre_copil, dossiers=0)
    seance, (etat, ville) = scenario.seance, scenario.financeurs
    contrat = seance.campagne.contrat
    enjeu_2, enjeu_1 = EnjeuFactory(contrat=contrat, numero=102), EnjeuFactory(contrat=contrat, numero=101)
    axe_2_1 = AxeStrategiqueFactory(enjeu=enjeu_2, numero=1)
    axe_1_3 = AxeStrategiqueFactory(enjeu=enjeu_1, numero=3)
    axe_1_1 = AxeStrategiqueFactory(enjeu=enjeu_1, numero=1)
    troisieme = dossier_instruit(campagne=seance.campagne, etat=etat, ville=ville, axe=axe_2_1)
    deuxieme = dossier_instruit(campagne=seance.campagne, etat=etat, ville=ville, axe=axe_1_3)
    premier = dossier_instruit(campagne=seance.campagne, etat=etat, ville=ville, axe=axe_1_1)
    DossierFactory(campagne=seance.campagne, etat=EtatDossier.EN_INSTRUCTION)  # not proposed yet

    ajoutes = copil.ordre_du_jour_preparer(seance=seance, by=membre_copil)

    assert ajoutes == 3
    ordre = list(Examen.objects.filter(seance=seance).order_by("rang").values_list("dossier", flat=True))
    assert ordre == [premier.pk, deuxieme.pk, troisieme.pk]
    assert DecisionLigne.objects.filter(seance=seance, decision="").count() == 6
    assert copil.ordre_du_jour_preparer(seance=seance, by=membre_copil) == 0  # idempotent
    assert DecisionLigne.objects.filter(seance=seance).count() == 6


def test_members_linked_to_the_porteur_are_recused_automatically(membre_copil):
    scenario = seance_copil(secretaire=membre_copil, dossiers=0)
    seance, (etat, ville) = scenario.seance, scenario.financeurs
    association = PorteurFactory(raison_sociale="Les Jardins partagés de Kennedy")
    dossier = dossier_instruit(campagne=seance.campagne, etat=etat, ville=ville, porteur=association)
    autre = dossier_instruit(campagne=seance.campagne, etat=etat, ville=ville)
    # A conseil citoyen member who represents the association, and an elected member who acts for it.
    representant = MembreInstanceFactory(comite=seance.comite, structure=association, organisation="Conseil citoyen")
    adherent = MembreInstanceFactory(comite=seance.comite)
    PorteurMembreFactory(porteur=association, user=adherent.user)

    copil.ordre_du_jour_preparer(seance=seance, by=membre_copil)

    recusations = Recusation.objects.filter(seance=seance)
    assert {(r.dossier_id, r.membre_id, r.automatique) for r in recusations} == {
        (dossier.pk, representant.pk, True),
        (dossier.pk, adherent.pk, True),
    }
    assert not recusations.filter(dossier=autre).exists()
    copil.recusations_automatiques(seance=seance)
    assert Recusation.objects.filter(seance=seance).count() == 2


def test_a_member_declares_a_conflict_with_a_reason(membre_copil):
    scenario = seance_copil(secretaire=membre_copil, dossiers=1)
    membre = scenario.membres[1]

    recusation = copil.conflit_declarer(
        seance=scenario.seance,
        dossier=scenario.dossiers[0],
        membre=membre,
        motif="Conjoint salarié de la structure",
        by=membre_copil,
    )

    assert recusation.automatique is False
    assert recusation.motif == "Conjoint salarié de la structure"


def test_the_vote_grid_follows_this_seance_s_order_not_another_seance_s(membre_copil):
    from projets.factories import ExamenFactory
    from projets.selectors_copil import ordre_du_jour

    scenario = seance_copil(secretaire=membre_copil, dossiers=2)
    premier, second = scenario.dossiers
    ExamenFactory(seance__campagne=scenario.seance.campagne, dossier=second, rang=0)  # a COTECH examined it first
    assert [e.dossier for e in ordre_du_jour(seance=scenario.seance, user=membre_copil)] == [premier, second]
    scenario.seance.examens.filter(dossier=second).update(rang=0)
    assert [e.dossier for e in ordre_du_jour(seance=scenario.seance, user=membre_copil)] == [second, premier]
