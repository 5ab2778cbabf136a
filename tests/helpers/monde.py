"""One small world with an object behind every URL: porteur A's submitted dossier (pieces, messages, COTECH
séance, convention, bilan) and its never-deposited draft (with an attachment), a published action of another
structure, a conseil citoyen, two COTECH partners invited to the campagne (one the agent of the financeur the
dossier asks money from, one of another financeur), finished documents to download (programmation, report).
The access-control test visits every URL of the site with it, as each persona."""

from dataclasses import dataclass

from django.core.files.base import ContentFile

from comptes.factories import UserFactory
from comptes.roles import Role
from conseil_citoyen.factories import ConseilCitoyenFactory
from projets.enums import EtatDossier, StatutTravail
from projets.factories import (
    PDF_MINIMAL,
    DossierFactory,
    ExamenFactory,
    FinanceurFactory,
    InvitationFactory,
    MessageFactory,
    PieceJointeFactory,
    PieceMessageFactory,
    PorteurMembreFactory,
    TravailFactory,
    dossier_depose,
)
from suivi.factories import BilanFactory, ConventionFactory, IndicateurFactory, RapportFactory


@dataclass
class Monde:
    dossier: object
    publie: object
    piece: object
    document: object
    piece_message: object
    examen: object
    invitation: object
    membre: object
    conseil: object
    convention: object
    bilan: object
    travail: object
    rapport: object
    indicateur: object
    brouillon: object
    piece_brouillon: object
    partenaires_invites: dict


def _partenaire_invite(campagne, financeur, email):
    """A COTECH partner invited to the campagne, agent of `financeur` (it gives that financeur's avis)."""
    partenaire = UserFactory(email=email, is_staff=True, roles=[Role.PARTENAIRE_COTECH])
    campagne.partenaires_invites.add(partenaire)
    financeur.agents.add(partenaire)
    return partenaire


def _pdf(nom):
    return ContentFile(PDF_MINIMAL, name=nom)


def monde(*, porteur_a) -> Monde:
    dossier = dossier_depose(intitule="Atelier d'écriture")
    membre = PorteurMembreFactory(porteur=dossier.porteur, user=porteur_a, est_gestionnaire=True)
    message = MessageFactory(dossier=dossier)
    publie = DossierFactory(campagne=dossier.campagne, etat=EtatDossier.RETENU, publie=True, numero="CV-PUB-1")
    brouillon = DossierFactory(campagne=dossier.campagne, porteur=dossier.porteur, intitule="Brouillon privé")
    financeur = dossier.lignes_financement.first().financeur
    partenaires_invites = {
        "partenaire_invite": _partenaire_invite(dossier.campagne, financeur, "agent@financeur-du-dossier.example"),
        "partenaire_autre_financeur": _partenaire_invite(
            dossier.campagne, FinanceurFactory(nom="Autre financeur"), "agent@autre-financeur.example"
        ),
    }
    return Monde(
        dossier=dossier,
        publie=publie,
        piece=PieceJointeFactory(dossier=dossier),
        document=dossier.porteur.documents.first(),
        piece_message=PieceMessageFactory(message=message),
        examen=ExamenFactory(seance__campagne=dossier.campagne, dossier=dossier),
        invitation=InvitationFactory(porteur=dossier.porteur),
        membre=membre,
        conseil=ConseilCitoyenFactory(contrat=dossier.campagne.contrat),
        convention=ConventionFactory(porteur=dossier.porteur),
        bilan=BilanFactory(dossier=dossier),
        travail=TravailFactory(
            campagne=dossier.campagne, statut=StatutTravail.REUSSI, fichier=_pdf("programmation.pdf")
        ),
        rapport=RapportFactory(
            contrat=dossier.campagne.contrat, statut=StatutTravail.REUSSI, fichier=_pdf("rapport.pdf")
        ),
        indicateur=IndicateurFactory(contrat=dossier.campagne.contrat, dossier=dossier),
        brouillon=brouillon,
        piece_brouillon=PieceJointeFactory(dossier=brouillon),
        partenaires_invites=partenaires_invites,
    )


# Arguments that name no object.
VALEURS = {"etape": "action", "uidb64": "MQ", "token": "jeton-invalide"}


def arguments(nom: str, route_kwargs: list[str], m: Monde, *, brouillon: bool = False) -> dict:
    """The URL's arguments, pointing at the world's objects (by URL name where `pk` is ambiguous); `brouillon`:
    at porteur A's draft and its attachment instead of the deposited dossier."""
    if brouillon:
        cible = {"piece_jointe_telecharger": m.piece_brouillon.pk}.get(nom, m.brouillon.pk)
        return {cle: cible if cle in ("pk", "dossier_pk") else VALEURS[cle] for cle in route_kwargs}
    par_nom = {
        "projet_public": m.publie.pk,
        "api_projet": m.publie.pk,
        "porteur_public": m.publie.porteur_id,
        "api_porteur": m.publie.porteur_id,
        "structure_modifier": m.dossier.porteur_id,
        "piece_message_telecharger": m.piece_message.pk,
        "document_porteur_telecharger": m.document.pk,
        "piece_jointe_telecharger": m.piece.pk,
        "piece_jointe_supprimer": m.piece.pk,
        "file_instruction": m.dossier.campagne_id,
        "file_attribuer": m.dossier.campagne_id,
        "cotech_seances": m.dossier.campagne_id,
        "cotech_seance_creer": m.dossier.campagne_id,
        "conseil_citoyen": m.conseil.pk,
        "demande_fph": m.conseil.pk,
        "suivi_convention": m.convention.pk,
        "suivi_convention_pdf": m.convention.pk,
        "suivi_bilan_examen": m.bilan.pk,
        "comptes:invitation_cancel": m.invitation.pk,
        "travail_statut": m.travail.pk,
        "suivi_rapport_telecharger": m.rapport.pk,
        "suivi_indicateur": m.indicateur.pk,
        "suivi_action": m.publie.pk,
        "travail_telecharger": m.travail.pk,
        "comptes:membre_remove": m.membre.pk,
        "comptes:membre_promote": m.membre.pk,
    }
    valeurs = {
        "porteur_pk": m.dossier.porteur_id,
        "dossier_pk": m.dossier.pk,
        "examen_pk": m.examen.pk,
        "ligne_pk": m.dossier.lignes_financement.first().pk,
        **VALEURS,
    }
    kwargs = {}
    for cle in route_kwargs:
        if cle == "pk":
            defaut = m.examen.seance_id if nom.startswith("cotech_") else m.dossier.pk
            kwargs[cle] = par_nom.get(nom, defaut)
        else:
            kwargs[cle] = valeurs[cle]
    return kwargs


def fermer(reponse) -> None:
    """Close a download's file as the WSGI server does; not `reponse.close()`, whose `request_finished` signal
    closes the test's database connection (PostgreSQL then refuses every later query)."""
    if reponse.streaming:
        b"".join(reponse.streaming_content)
    if getattr(reponse, "file_to_stream", None):
        reponse.file_to_stream.close()
