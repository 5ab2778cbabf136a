"""In a meeting, the conseil adopts avis, designates its representatives and decides the FPH only with the
quorum (half + 1 of the members of both collèges); members of a dossier's association are recused."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from conseil_citoyen.enums import ModeDesignation, StatutDemandeFPH, TypeCollege
from conseil_citoyen.factories import (
    ConseilCitoyenFactory,
    DemandeFPHFactory,
    FondsParticipationFactory,
    MembreFactory,
    ReunionFactory,
    college,
)
from conseil_citoyen.services import fph, reunions
from projets.enums import EtatDossier, TypeInstance
from projets.factories import CampagneFactory, DossierFactory, PorteurFactory
from projets.models import MembreInstance

pytestmark = pytest.mark.django_db


@pytest.fixture
def conseil():
    conseil = ConseilCitoyenFactory()
    MembreFactory.create_batch(6, conseil=conseil)
    associations = college(conseil, TypeCollege.ASSOCIATIONS)
    MembreFactory.create_batch(
        4, conseil=conseil, college=associations, mode=ModeDesignation.APPEL_A_CANDIDATURES, est_organisation=True
    )
    return conseil


def _reunion(conseil, presents: int):
    reunion = ReunionFactory(conseil=conseil, date=datetime.date(2031, 3, 2))
    reunion.presents.set(conseil.membres.all()[:presents])
    return reunion


def test_quorum_is_half_plus_one_of_both_collèges(conseil):
    assert reunions.quorum_reunion(reunion=_reunion(conseil, 5)).message == (
        "Quorum non atteint : 5 présent(s) sur 10 membres, 6 requis."
    )
    assert reunions.quorum_reunion(reunion=_reunion(conseil, 6)).atteint


def test_an_avis_without_quorum_is_not_recorded(conseil, instructeur):
    dossier = DossierFactory(campagne__contrat=conseil.contrat, etat=EtatDossier.EN_INSTRUCTION)
    with pytest.raises(ValidationError, match="sans quorum"):
        reunions.avis_adopter(
            reunion=_reunion(conseil, 5), dossier=dossier, avis="favorable", texte="Utile.", by=instructeur
        )
    assert not dossier.avis_conseil_citoyen.exists()
    avis = reunions.avis_adopter(
        reunion=_reunion(conseil, 6), dossier=dossier, avis="favorable", texte="Utile.", by=instructeur
    )
    assert avis.rendu_le == datetime.date(2031, 3, 2)


def test_members_of_the_porteur_are_recused_and_do_not_make_the_quorum(conseil, instructeur):
    association = PorteurFactory(raison_sociale="Les Jardins partagés")
    dossier = DossierFactory(campagne__contrat=conseil.contrat, porteur=association, etat=EtatDossier.DEPOSE)
    membre = conseil.membres.filter(college__type=TypeCollege.ASSOCIATIONS).first()
    membre.structure = association
    membre.save()
    reunion = _reunion(conseil, 0)
    reunion.presents.set([membre, *conseil.membres.exclude(pk=membre.pk)[:5]])  # 6 present, one recused

    with pytest.raises(ValidationError, match="Quorum non atteint : 5 présent"):
        reunions.avis_adopter(reunion=reunion, dossier=dossier, avis="defavorable", texte="x", by=instructeur)
    reunion.presents.add(conseil.membres.exclude(pk=membre.pk)[5])
    avis = reunions.avis_adopter(
        reunion=reunion, dossier=dossier, avis="reserve", texte="Budget fragile.", by=instructeur
    )
    assert list(avis.membres_recuses.all()) == [membre]


def test_only_the_secretariat_records_decisions(conseil, conseil_citoyen):
    dossier = DossierFactory(campagne__contrat=conseil.contrat, etat=EtatDossier.DEPOSE)
    with pytest.raises(PermissionDenied):
        reunions.avis_adopter(
            reunion=_reunion(conseil, 10), dossier=dossier, avis="favorable", texte="x", by=conseil_citoyen
        )


def _designer(reunion, membre, organe, role, by):
    return reunions.designation_enregistrer(
        reunion=reunion, membre=membre, organe=organe, role=role, annee=2031, by=by
    )


def test_designations_follow_the_seats_and_need_quorum(conseil, instructeur):
    habitants = list(conseil.membres.filter(college__type=TypeCollege.HABITANTS))
    associations = list(conseil.membres.filter(college__type=TypeCollege.ASSOCIATIONS))
    with pytest.raises(ValidationError, match="sans quorum"):
        _designer(_reunion(conseil, 5), habitants[0], "copil", "titulaire", instructeur)
    reunion = _reunion(conseil, 10)

    _designer(reunion, habitants[0], "copil", "titulaire", instructeur)
    with pytest.raises(ValidationError) as refus:
        _designer(reunion, habitants[1], "copil", "titulaire", instructeur)
    assert refus.value.message_dict["role"] == [
        "Le Collège « habitants » a déjà sa ou son titulaire au COPIL cette année."
    ]
    _designer(reunion, associations[0], "copil", "titulaire", instructeur)
    _designer(reunion, habitants[1], "copil", "suppleant", instructeur)
    _designer(reunion, associations[1], "copil", "suppleant", instructeur)
    with pytest.raises(ValidationError, match="2 suppléants"):
        _designer(reunion, habitants[2], "copil", "suppleant", instructeur)
    _designer(reunion, habitants[2], "cotech", "titulaire", instructeur)
    _designer(reunion, habitants[3], "cotech", "titulaire", instructeur)
    with pytest.raises(ValidationError, match="au plus 2 représentants au COTECH"):
        _designer(reunion, habitants[4], "cotech", "titulaire", instructeur)

    sieges = MembreInstance.objects.filter(comite__contrat=conseil.contrat, comite__type=TypeInstance.COPIL)
    assert sieges.count() == 4 and sieges.filter(role="suppleant").count() == 2


def test_an_association_answering_the_call_is_not_delegated_to_the_copil(conseil, instructeur):
    association = PorteurFactory(raison_sociale="Régie de quartier")
    membre = conseil.membres.filter(college__type=TypeCollege.ASSOCIATIONS).first()
    membre.structure = association
    membre.save()
    DossierFactory(
        porteur=association, campagne=CampagneFactory(contrat=conseil.contrat, annee=2031), etat=EtatDossier.DEPOSE
    )
    with pytest.raises(ValidationError) as refus:
        _designer(_reunion(conseil, 10), membre, "copil", "titulaire", instructeur)
    assert "une association candidate ne peut pas être déléguée au COPIL" in refus.value.message_dict["membre"][0]
    _designer(_reunion(conseil, 10), membre, "cotech", "titulaire", instructeur)  # the COTECH is allowed


def test_fph_balance_grants_and_refusals(conseil, instructeur):
    fonds = FondsParticipationFactory(conseil=conseil, montant=Decimal("1000"))
    premiere = DemandeFPHFactory(fonds=fonds, montant_demande=Decimal("700"))
    seconde = DemandeFPHFactory(fonds=fonds, montant_demande=Decimal("600"))
    reunion = _reunion(conseil, 6)

    fph.fph_decider(
        demande=premiere,
        reunion=reunion,
        statut=StatutDemandeFPH.ACCORDEE,
        montant=Decimal("700"),
        motif="",
        by=instructeur,
    )
    assert fph.fonds_solde(fonds) == Decimal("300")
    with pytest.raises(ValidationError) as refus:
        fph.fph_decider(
            demande=seconde,
            reunion=reunion,
            statut=StatutDemandeFPH.ACCORDEE,
            montant=Decimal("600"),
            motif="",
            by=instructeur,
        )
    assert "Le fonds n'a plus que 300,00" in refus.value.message_dict["montant_accorde"][0]
    with pytest.raises(ValidationError, match="motivé"):
        fph.fph_decider(
            demande=seconde, reunion=reunion, statut=StatutDemandeFPH.REFUSEE, montant=None, motif=" ", by=instructeur
        )
    with pytest.raises(ValidationError, match="sans quorum"):
        fph.fph_decider(
            demande=seconde,
            reunion=_reunion(conseil, 2),
            statut=StatutDemandeFPH.ACCORDEE,
            montant=Decimal("300"),
            motif="",
            by=instructeur,
        )
    fph.fph_decider(
        demande=seconde,
        reunion=reunion,
        statut=StatutDemandeFPH.ACCORDEE,
        montant=Decimal("300"),
        motif="Accordé en partie.",
        by=instructeur,
    )
    assert fph.fonds_solde(fonds) == Decimal("0")


def test_a_designated_member_is_convoked_to_the_coming_copil_and_recused_on_its_association(conseil, instructeur):
    from projets.factories import ExamenFactory, SeanceFactory

    association = PorteurFactory(raison_sociale="Amicale des locataires")
    membre = conseil.membres.filter(college__type=TypeCollege.HABITANTS).first()
    membre.structure = association
    membre.save()
    seance = SeanceFactory(campagne__contrat=conseil.contrat, comite__contrat=conseil.contrat, comite__type="copil")
    ExamenFactory(seance=seance, dossier__porteur=association, dossier__campagne=seance.campagne)

    designation = _designer(_reunion(conseil, 10), membre, "copil", "titulaire", instructeur)

    assert seance.convocations.filter(membre=designation.siege).exists()
    assert seance.recusations.get().membre == designation.siege
