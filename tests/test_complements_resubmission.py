"""The porteur sends the completed dossier back: checked as at submission, frozen as dépôt n° 2, the request
answered, the dossier back in instruction, the référent told by mail."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from comptes.factories import UserFactory
from comptes.roles import Role
from projets.enums import EtatDossier
from projets.factories import dossier_depose
from projets.models import Depot, Dossier, TransitionDossier
from projets.services.complements import complements_repondre
from projets.services.dossiers import dossier_save_step
from projets.services.instruction import complements_demander

pytestmark = pytest.mark.django_db


@pytest.fixture
def demande(instructeur):
    dossier = dossier_depose()
    return complements_demander(
        dossier=dossier,
        by=instructeur,
        elements=["action"],
        message="Précisez les objectifs.",
        date_limite=timezone.localdate() + datetime.timedelta(days=10),
    )


def membre(dossier):
    return dossier.porteur.membres.first().user


def test_the_answer_is_frozen_as_the_next_depot_and_the_dossier_goes_back_to_instruction(
    demande, django_capture_on_commit_callbacks
):
    dossier = demande.dossier
    dossier_save_step(dossier=dossier, etape="action", valeurs={"objectifs": "Objectifs précisés."}, en_attente={})
    with django_capture_on_commit_callbacks(execute=True):
        depot = complements_repondre(dossier=dossier, by=membre(dossier))

    assert depot.version == 2 and depot.depose_par == membre(dossier)
    assert depot.contenu["action"]["objectifs"] == "Objectifs précisés."
    assert list(dossier.depots.order_by("version").values_list("version", flat=True)) == [1, 2]
    demande.refresh_from_db()
    assert demande.depot_reponse == depot and demande.repondue_le == depot.depose_le
    assert demande.depot_avant.version == 1
    dossier.refresh_from_db()
    assert dossier.etat == EtatDossier.EN_INSTRUCTION
    transition = TransitionDossier.objects.filter(dossier=dossier).latest("pk")
    assert (transition.de, transition.vers, transition.par) == (
        EtatDossier.COMPLEMENTS_DEMANDES,
        EtatDossier.EN_INSTRUCTION,
        membre(dossier),
    )
    depot.refresh_from_db()
    assert depot.recepisse  # the récépissé of dépôt n° 2, rendered and mailed as on the first submission
    sujets = [message.subject for message in mail.outbox]
    assert f"Dossier {dossier.numero} déposé : votre récépissé" in sujets


def test_the_referent_is_told_by_mail(demande, django_capture_on_commit_callbacks):
    referent = UserFactory(email="referente@ville.example", is_staff=True, roles=[Role.INSTRUCTEUR])
    Dossier.objects.filter(pk=demande.dossier_id).update(referent=referent)
    with django_capture_on_commit_callbacks(execute=True):
        complements_repondre(dossier=demande.dossier, by=membre(demande.dossier))
    recus = [message for message in mail.outbox if "compléments reçus" in message.subject]
    assert len(recus) == 1 and recus[0].to == ["referente@ville.example"]
    assert "a renvoyé le dossier" in recus[0].body and "- L'action (description, objectifs" in recus[0].body
    assert "renvoyés après cette date" not in recus[0].body


def test_without_a_referent_the_person_who_asked_is_told_and_a_late_answer_says_so(
    demande, instructeur, django_capture_on_commit_callbacks
):
    type(demande).objects.filter(pk=demande.pk).update(date_limite=timezone.localdate() - datetime.timedelta(days=2))
    with django_capture_on_commit_callbacks(execute=True):
        complements_repondre(dossier=demande.dossier, by=membre(demande.dossier))
    (recu,) = [message for message in mail.outbox if "compléments reçus" in message.subject]
    assert recu.to == [instructeur.email]
    assert "(renvoyés après cette date)" in recu.body


def test_an_incomplete_dossier_is_not_sent_back_and_nothing_changes(demande):
    dossier = demande.dossier
    dossier_save_step(dossier=dossier, etape="action", valeurs={"objectifs": ""}, en_attente={})
    with pytest.raises(ValidationError) as error:
        complements_repondre(dossier=dossier, by=membre(dossier))
    assert error.value.messages == ["Indiquez les objectifs de l'action."]
    dossier.refresh_from_db()
    demande.refresh_from_db()
    assert dossier.etat == EtatDossier.COMPLEMENTS_DEMANDES
    assert demande.repondue_le is None and Depot.objects.filter(dossier=dossier).count() == 1


def test_only_the_structure_may_send_it_back(demande, porteur_b, instructeur):
    for intrus in (porteur_b, instructeur):
        with pytest.raises(PermissionDenied):
            complements_repondre(dossier=demande.dossier, by=intrus)


def test_there_is_nothing_to_send_back_without_a_pending_request(demande):
    dossier = demande.dossier
    complements_repondre(dossier=dossier, by=membre(dossier))
    with pytest.raises(ValidationError) as error:
        complements_repondre(dossier=dossier, by=membre(dossier))
    assert error.value.code == "pas_de_demande"
    assert "Aucun complément n'est demandé sur ce dossier (« En instruction »)" in error.value.messages[0]
    assert Depot.objects.filter(dossier=dossier).count() == 2
