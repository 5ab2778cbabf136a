"""One small world with an object behind every URL: porteur A's submitted dossier (pieces, messages, COTECH
séance, convention, bilan), a published action of another structure, a conseil citoyen. The access-control test
visits every URL of the site with it, as each persona."""

from dataclasses import dataclass

from conseil_citoyen.factories import ConseilCitoyenFactory
from projets.enums import EtatDossier
from projets.factories import (
    DossierFactory,
    ExamenFactory,
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


def monde(*, porteur_a) -> Monde:
    dossier = dossier_depose(intitule="Atelier d'écriture")
    membre = PorteurMembreFactory(porteur=dossier.porteur, user=porteur_a, est_gestionnaire=True)
    message = MessageFactory(dossier=dossier)
    publie = DossierFactory(campagne=dossier.campagne, etat=EtatDossier.RETENU, publie=True, numero="CV-PUB-1")
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
        travail=TravailFactory(campagne=dossier.campagne),
        rapport=RapportFactory(contrat=dossier.campagne.contrat),
        indicateur=IndicateurFactory(contrat=dossier.campagne.contrat, dossier=dossier),
    )


def arguments(nom: str, route_kwargs: list[str], m: Monde) -> dict:
    """The URL's arguments, pointing at the world's objects (by URL name where `pk` is ambiguous)."""
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
        "etape": "action",
        "uidb64": "MQ",
        "token": "jeton-invalide",
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
