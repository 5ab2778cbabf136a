"""What the conseil decides in a meeting: avis on dossiers, designations to the COPIL and COTECH, and the
decisions of the FPH. Each needs the quorum (« la moitié plus un » of the members of both collèges); a member
whose association carries a dossier is recused from its avis and does not count towards the quorum there."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from conseil_citoyen.enums import InstanceDesignation, RoleDesignation, StatutMembre
from conseil_citoyen.models import AvisConseilCitoyen, Designation, Membre, Reunion
from conseil_citoyen.rules import quorum_du_conseil
from projets.enums import Avis, EtatDossier, RoleMembre, StatutSeance, TypeInstance
from projets.models import Convocation, Dossier, MembreInstance, Seance
from projets.rules import ETATS_ECARTES
from projets.services.copil import recusations_automatiques
from projets.services.seances import instance_du_contrat


@dataclass(frozen=True)
class QuorumReunion:
    membres: int
    requis: int
    presents: int

    @property
    def atteint(self) -> bool:
        return self.presents >= self.requis

    @property
    def message(self) -> str:
        etat = "atteint" if self.atteint else "non atteint"
        return f"Quorum {etat} : {self.presents} présent(s) sur {self.membres} membres, {self.requis} requis."


def quorum_reunion(*, reunion: Reunion, sans: set[int] = frozenset()) -> QuorumReunion:
    """Members active on the day; `sans` (recused members) are present but do not count."""
    actifs = set(
        Membre.objects.filter(
            conseil_id=reunion.conseil_id, statut=StatutMembre.ACTIF, debut_mandat__lte=reunion.date
        ).values_list("pk", flat=True)
    )
    presents = set(reunion.presents.values_list("pk", flat=True)) & actifs
    return QuorumReunion(membres=len(actifs), requis=quorum_du_conseil(len(actifs)), presents=len(presents - sans))


def exiger_quorum(reunion: Reunion, quoi: str, sans: set[int] = frozenset()) -> None:
    quorum = quorum_reunion(reunion=reunion, sans=sans)
    if not quorum.atteint:
        raise ValidationError(f"{quorum.message} {quoi} ne peut pas être enregistré(e) sans quorum.", code="quorum")


def exiger_permission(by, permission: str) -> None:
    if not by.has_perm(permission):
        raise PermissionDenied("Seul le secrétariat du conseil citoyen enregistre ses décisions.")


def membres_recuses(*, reunion: Reunion, dossier: Dossier) -> set[int]:
    """Present members linked to the porteur of the dossier."""
    return set(reunion.presents.filter(structure_id=dossier.porteur_id).values_list("pk", flat=True))


@transaction.atomic
def avis_adopter(*, reunion: Reunion, dossier: Dossier, avis: str, texte: str, by) -> AvisConseilCitoyen:
    exiger_permission(by, "conseil_citoyen.add_avisconseilcitoyen")
    if dossier.campagne.contrat_id != reunion.conseil.contrat_id or dossier.etat in ETATS_ECARTES:
        raise ValidationError({"dossier": "Choisissez un dossier déposé dans le contrat de ville du conseil."})
    if avis not in Avis.values:
        raise ValidationError({"avis": "Choisissez favorable, réservé ou défavorable."})
    if not texte.strip():
        raise ValidationError({"texte": "Motivez l'avis : il est lu par le COTECH et le COPIL."})
    recuses = membres_recuses(reunion=reunion, dossier=dossier)
    exiger_quorum(reunion, "L'avis", sans=recuses)
    resultat = AvisConseilCitoyen.objects.create(
        dossier=dossier, reunion=reunion, avis=avis, texte=texte.strip(), rendu_le=reunion.date
    )
    resultat.membres_recuses.set(recuses)
    return resultat


def _association_candidate(membre: Membre, annee: int) -> bool:
    """The member's association answers this year's call (any dossier not withdrawn)."""
    return bool(membre.structure_id) and (
        Dossier.objects.filter(
            porteur_id=membre.structure_id, campagne__annee=annee, campagne__contrat_id=membre.conseil.contrat_id
        )
        .exclude(etat=EtatDossier.RETIRE)
        .exists()
    )


def _places(conseil, annee: int, organe: str, role: str, membre: Membre) -> str:
    """Why there is no seat left for this designation (empty if there is one)."""
    deja = Designation.objects.filter(conseil=conseil, annee=annee, organe=organe)
    if organe == InstanceDesignation.COTECH:
        return "Le conseil désigne au plus 2 représentants au COTECH." if deja.count() >= 2 else ""
    if role == RoleDesignation.SUPPLEANT:
        return "Le conseil désigne 2 suppléants au COPIL." if deja.filter(role=role).count() >= 2 else ""
    if deja.filter(role=role, membre__college_id=membre.college_id).exists():
        return f"Le {membre.college.get_type_display()} a déjà sa ou son titulaire au COPIL cette année."
    return ""


@transaction.atomic
def designation_enregistrer(*, reunion: Reunion, membre: Membre, organe: str, role: str, annee: int, by):
    """Designate a member to the COPIL (1 titulaire per collège, 2 suppléants) or the COTECH (2 at most) for a
    year; their seat is created in the instance, so they are convoked to its séances and recused there too."""
    exiger_permission(by, "conseil_citoyen.add_designation")
    conseil = reunion.conseil
    if membre.conseil_id != conseil.pk or membre.statut != StatutMembre.ACTIF:
        raise ValidationError({"membre": "Choisissez un membre actif du conseil."})
    if organe not in InstanceDesignation.values or role not in RoleDesignation.values:
        raise ValidationError({"organe": "Instance ou rôle inconnu."})
    if organe == InstanceDesignation.COPIL and _association_candidate(membre, annee):
        raise ValidationError(
            {
                "membre": f"{membre.structure} répond à l'appel à projets {annee} : "
                "une association candidate ne peut pas être déléguée au COPIL."
            }
        )
    if raison := _places(conseil, annee, organe, role, membre):
        raise ValidationError({"role": raison})
    exiger_quorum(reunion, "La désignation")
    siege = MembreInstance.objects.create(
        comite=instance_du_contrat(contrat=conseil.contrat, type=TypeInstance(organe)),
        user=membre.user,
        nom=str(membre),
        organisation=f"{conseil} – {membre.college.get_type_display()}",
        fonction=f"Représentant·e du conseil citoyen ({annee})",
        role=RoleMembre.TITULAIRE if role == RoleDesignation.TITULAIRE else RoleMembre.SUPPLEANT,
        structure=membre.structure,
    )
    _convoquer_aux_seances_a_venir(siege, by=by)
    return Designation.objects.create(
        conseil=conseil, reunion=reunion, annee=annee, organe=organe, role=role, membre=membre, siege=siege
    )


def _convoquer_aux_seances_a_venir(siege: MembreInstance, *, by) -> None:
    """The new seat is convoked to the séances of its instance still in preparation, recused where it must be."""
    for seance in Seance.objects.filter(comite_id=siege.comite_id, statut=StatutSeance.PREPARATION):
        Convocation.objects.get_or_create(seance=seance, membre=siege)
        recusations_automatiques(seance=seance, by=by)
