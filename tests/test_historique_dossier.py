"""The history timeline of the staff page: who changed what, when, from what to what, newest first."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from comptes.factories import UserFactory
from comptes.roles import Role
from enjeux.factories import QuartierFactory
from projets.enums import Avis, EtatDossier
from projets.factories import TransitionDossierFactory, dossier_depose
from projets.models import CritereAnalyse, DemandeComplements, LigneFinancement
from projets.selectors_historique import historique_dossier
from projets.services import instruction as services
from tests.helpers.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier():
    return dossier_depose()


@pytest.fixture
def collegue(db):
    return UserFactory(first_name="Inès", last_name="Moreau", is_staff=True, roles=[Role.INSTRUCTEUR])


def ligne_ville(dossier) -> LigneFinancement:
    return dossier.lignes_financement.get(financeur__nom="Ville")


def evenements(dossier, objet):
    return [e for e in historique_dossier(dossier=dossier) if e.objet == objet]


def changements(evenement) -> dict[str, tuple[str, str]]:
    return {c.champ: (c.avant, c.apres) for c in evenement.changements}


def test_a_reassignment_of_the_referent_shows_who_and_from_whom_to_whom(dossier, instructeur, collegue):
    instructeur.first_name, instructeur.last_name = "Claire", "Dupont"
    instructeur.save()
    services.dossier_assign(dossier=dossier, referent=instructeur, by=instructeur)
    services.dossier_assign(dossier=dossier, referent=collegue, by=instructeur)
    dernier, premier = evenements(dossier, "Dossier")
    assert (dernier.par, dernier.action) == ("Claire Dupont", "modification")
    assert changements(dernier) == {"Référent instructeur": ("Claire Dupont", "Inès Moreau")}
    assert changements(premier) == {"Référent instructeur": ("—", "Claire Dupont")}
    assert dernier.le >= premier.le


def test_an_amount_change_shows_who_and_the_amounts_in_euros(dossier, instructeur):
    ligne = ligne_ville(dossier)
    ligne = services.ligne_avis_save(
        ligne=ligne, by=instructeur, version=ligne.version, avis=Avis.FAVORABLE, commentaire="", montant_propose=None
    )
    ligne = services.ligne_avis_save(
        ligne=ligne,
        by=instructeur,
        version=ligne.version,
        avis=Avis.FAVORABLE,
        commentaire="",
        montant_propose=Decimal("6000"),
    )
    services.ligne_avis_save(
        ligne=ligne,
        by=instructeur,
        version=ligne.version,
        avis=Avis.RESERVE,
        commentaire="Public mal défini",
        montant_propose=Decimal("4500.50"),
    )
    troisieme, deuxieme, premier = evenements(dossier, "Financement – Ville")
    assert {e.par for e in (premier, deuxieme, troisieme)} == {str(instructeur)}
    assert changements(premier) == {"Avis": ("—", "Favorable")}
    assert changements(deuxieme) == {"Montant proposé": ("—", "6\u00a0000,00\u00a0€")}
    assert changements(troisieme) == {
        "Avis": ("Favorable", "Réservé"),
        "Motivation de l'avis": ("—", "Public mal défini"),
        "Montant proposé": ("6\u00a0000,00\u00a0€", "4\u00a0500,50\u00a0€"),
    }


def test_state_changes_keep_their_author_and_motif_and_everything_is_newest_first(dossier, instructeur, collegue):
    services.dossier_declare_irrecevable(dossier=dossier, by=instructeur, motif="Hors quartier prioritaire")
    services.dossier_assign(dossier=dossier, referent=collegue, by=instructeur)
    historique = historique_dossier(dossier=dossier)
    assert [(e.objet, e.action) for e in historique] == [
        ("Dossier", "modification"),
        ("État du dossier", "changement d'état"),
        ("État du dossier", "changement d'état"),
    ]
    irrecevable, depot = historique[1], historique[2]
    assert changements(irrecevable) == {"État": ("Déposé", "Irrecevable")}
    assert (irrecevable.par, irrecevable.motif) == (str(instructeur), "Hors quartier prioritaire")
    assert changements(depot) == {"État": ("Brouillon", "Déposé")}
    assert [e.le for e in historique] == sorted((e.le for e in historique), reverse=True)


def test_drafting_before_the_first_depot_is_left_out_but_later_content_changes_show(dossier):
    assert [e.objet for e in historique_dossier(dossier=dossier)] == ["État du dossier"]
    membre = dossier.porteur.membres.get().user
    ancien = dossier.intitule
    dossier.intitule = "Atelier couture du quartier Nord"
    dossier._history_user = membre
    dossier.save()
    (evenement,) = evenements(dossier, "Dossier")
    assert (evenement.par, changements(evenement)) == (
        str(membre),
        {"Intitulé de l'action": (ancien, "Atelier couture du quartier Nord")},
    )


def test_a_change_of_quartiers_is_one_event_with_the_names_before_and_after(dossier):
    ancien = dossier.quartiers.get()
    dossier._history_user = dossier.porteur.membres.get().user
    dossier.public_nombre = 55
    dossier.save()
    dossier.quartiers.set([QuartierFactory(contrat=dossier.campagne.contrat, nom="Kennedy")])  # a removal, an addition
    (evenement,) = evenements(dossier, "Dossier")
    assert changements(evenement) == {
        "Nombre de personnes visées": ("40", "55"),
        "Quartiers": (ancien.nom, "Kennedy"),
    }


def test_grille_recevabilite_and_complements_show_in_the_timeline(dossier, instructeur):
    critere = CritereAnalyse.objects.create(campagne=dossier.campagne, libelle="Pertinence")
    services.recevabilite_save(dossier=dossier, by=instructeur, criteres={"pieces_completes": True}, commentaire="")
    services.analyse_save(
        dossier=dossier, by=instructeur, version=dossier.version, notes={critere: (2, "Bien")}, synthese="Solide"
    )
    services.complements_demander(
        dossier=dossier,
        by=instructeur,
        elements=["budget"],
        message="Équilibrez le budget.",
        date_limite=timezone.localdate() + datetime.timedelta(days=15),
    )
    (recevabilite,) = evenements(dossier, "Recevabilité")
    assert recevabilite.par == str(instructeur)  # from its `par` field when no request set the history's author
    assert changements(recevabilite)["Pièces complètes"] == ("—", "oui")
    (note,) = evenements(dossier, "Grille d'analyse – Pertinence")
    assert changements(note) == {"Note (0 à 3)": ("—", "2"), "Commentaire": ("—", "Bien")}
    (synthese,) = evenements(dossier, "Dossier")
    assert changements(synthese) == {"Synthèse pour le COPIL": ("—", "Solide")}
    (demande,) = evenements(dossier, "Demande de compléments")
    assert changements(demande)["Éléments à compléter"] == ("—", "Budget prévisionnel et financements demandés")
    assert demande.par == str(instructeur)


def test_the_staff_page_shows_the_timeline(client, dossier, instructeur, collegue):
    services.dossier_assign(dossier=dossier, referent=collegue, by=instructeur)
    client.force_login(instructeur)
    content = client.get(reverse("instruction_dossier", args=[dossier.pk])).content.decode()
    assert "Référent instructeur : — → <strong>Inès Moreau</strong>" in content
    assert "Brouillon → <strong>Déposé</strong>" in content


def test_a_change_made_through_the_staff_page_is_signed_by_the_logged_in_user(client, dossier, instructeur, collegue):
    client.force_login(instructeur)
    client.post(reverse("instruction_referent", args=[dossier.pk]), {"referent": collegue.pk})
    (evenement,) = evenements(dossier, "Dossier")
    assert evenement.par == str(instructeur)


def test_the_timeline_reads_a_bounded_number_of_queries(dossier, instructeur, collegue):
    critere = CritereAnalyse.objects.create(campagne=dossier.campagne, libelle="Pertinence")
    demande = DemandeComplements.objects.create(
        dossier=dossier,
        message="Demande 0",
        date_limite=timezone.localdate() + datetime.timedelta(days=15),
        demandee_par=instructeur,
        demandee_le=timezone.now(),
    )
    referents = [instructeur, collegue]
    tours = []

    def grow():
        """One more record of every kind: dossier and its quartiers, line, note, recevabilité, compléments, state."""
        n = len(tours) + 1
        tours.append(n)
        dossier.refresh_from_db()
        services.dossier_assign(dossier=dossier, referent=referents[n % 2], by=instructeur)
        dossier.quartiers.set([QuartierFactory(contrat=dossier.campagne.contrat)])
        ligne = ligne_ville(dossier)
        services.ligne_avis_save(
            ligne=ligne, by=instructeur, version=ligne.version, avis="", commentaire="", montant_propose=Decimal(n)
        )
        services.ligne_assign(ligne=ligne, referent=referents[n % 2], by=instructeur)
        dossier.refresh_from_db()
        services.analyse_save(
            dossier=dossier, by=instructeur, version=dossier.version, notes={critere: (n % 4, "")}, synthese=f"v{n}"
        )
        services.recevabilite_save(
            dossier=dossier, by=instructeur, criteres={"pieces_completes": bool(n % 2)}, commentaire=f"{n}"
        )
        demande.message = f"Demande {n}"
        demande.save()
        TransitionDossierFactory(dossier=dossier, de=EtatDossier.DEPOSE, vers=EtatDossier.EN_INSTRUCTION, par=collegue)

    grow()
    nombre = assert_constant_queries(lambda: historique_dossier(dossier=dossier), grow, times=3)
    assert len(historique_dossier(dossier=dossier)) > 30
    # Transitions, 5 models, 2 many-to-many fields, then the people and the quartiers named in changes.
    assert nombre <= 10
