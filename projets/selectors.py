import datetime
from dataclasses import dataclass

from django.db.models import Case, Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum, When
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from comptes.roles import Role
from enjeux.models import AxeStrategique
from projets.enums import ETATS_FINANCES, EtatCampagne, EtatDossier, TypeDocument
from projets.models import (
    Campagne,
    DemandeComplements,
    Depot,
    DocumentPorteur,
    Dossier,
    LigneFinancement,
    PieceJointe,
    Porteur,
    PorteurMembre,
    StatistiqueCampagne,
    Volet,
)
from projets.selectors_dossier import DOCUMENTS_REQUIS
from projets.workflows import Acteur, acteurs_du_compte


def campagne_ouverte() -> Campagne | None:
    """The call currently taking dossiers, if any (the latest when several contracts are loaded)."""
    return Campagne.objects.filter(etat=EtatCampagne.OUVERTE).select_related("contrat").order_by("-annee").first()


def derniere_programmation() -> Campagne | None:
    """The latest campagne with published funded actions: what the public site shows by default."""
    return (
        Campagne.objects.filter(dossiers__publie=True, dossiers__etat__in=ETATS_FINANCES)
        .select_related("contrat")
        .order_by("-annee")
        .first()
    )


def dossiers_publies(*, campagne: Campagne) -> QuerySet[Dossier]:
    return (
        Dossier.objects.filter(campagne=campagne, publie=True, etat__in=ETATS_FINANCES)
        .select_related("porteur", "volet")
        .order_by("volet__code", "pk")
    )


def volets_avec_actions(*, campagne: Campagne) -> list[Volet]:
    """Volets of a campagne with `.actions` (published dossiers) and `.nombre` (theirs and their sub-volets')."""
    dossiers = list(dossiers_publies(campagne=campagne))
    volets = list(campagne.volets.order_by("code"))
    for volet in volets:
        volet.actions = [d for d in dossiers if d.volet_id == volet.pk]
    for volet in volets:
        volet.enfants = [v for v in volets if v.parent_id == volet.pk]
        volet.nombre = len(volet.actions) + sum(len(v.actions) for v in volet.enfants)
    return [v for v in volets if v.parent_id is None]


def dossiers_du_porteur(*, user) -> QuerySet[Dossier]:
    """The user's dossiers with their financing lines (amounts asked and decided per financeur)."""
    return (
        Dossier.objects.filter(porteur__membres__user=user)
        .select_related("campagne__contrat", "porteur")
        .prefetch_related(Prefetch("lignes_financement", LigneFinancement.objects.select_related("financeur")))
        .annotate(a_un_depot=Exists(Depot.objects.filter(dossier=OuterRef("pk"))))
        .order_by("-campagne__annee", "-modifie_le")
    )


def dossiers_a_reconduire(*, user, campagne: Campagne) -> QuerySet[Dossier]:
    """Dossiers of earlier calls of the same contract, not yet renewed into `campagne`."""
    return (
        Dossier.objects.filter(
            porteur__membres__user=user, campagne__contrat=campagne.contrat, campagne__annee__lt=campagne.annee
        )
        .exclude(etat=EtatDossier.BROUILLON)
        .exclude(reconductions__campagne=campagne)
        .select_related("campagne", "porteur")
        .order_by("-campagne__annee", "intitule")
    )


def chiffres_cles(*, campagne: Campagne | None) -> StatistiqueCampagne | None:
    """The cached headline figures, None until the worker has computed them once."""
    return StatistiqueCampagne.objects.filter(campagne=campagne).first() if campagne else None


def porteurs_de(*, user) -> QuerySet[Porteur]:
    """The organisations a user may act for."""
    if not user.is_authenticated:
        return Porteur.objects.none()
    return Porteur.objects.filter(membres__user=user).distinct()


def lit_les_dossiers_deposes(user) -> bool:
    """Staff who read deposited dossiers: the instruction, the COPIL, COTECH partners (their campagnes only) and
    administrators. Never the conseil citoyen nor a porteur: whatever their permissions, they are not staff."""
    return user.is_authenticated and user.is_staff and user.has_perm("projets.view_dossier")


def lit_les_recepisses(user) -> bool:
    """A récépissé carries the depositor's e-mail and the structure's SIRET: beyond the structure's members, only
    the service that instructs reads it (it proves the date of the deposit)."""
    return Acteur.INSTRUCTION in acteurs_du_compte(user)


def est_partenaire_limite(user) -> bool:
    """COTECH partners (État, CAF, bailleurs…) see only the campagnes they are invited to."""
    return (
        user.is_authenticated
        and not user.has_perm("projets.change_dossier")
        and user.groups.filter(name=Role.PARTENAIRE_COTECH).exists()
    )


def campagnes_visibles(*, user) -> QuerySet[Campagne]:
    if not lit_les_dossiers_deposes(user):
        return Campagne.objects.none()
    if est_partenaire_limite(user):
        return Campagne.objects.filter(partenaires_invites=user)
    return Campagne.objects.all()


def q_depose() -> Q:
    """Deposited at least once. A never-deposited draft is its structure's private work; a dossier reopened for
    compléments stays deposited (projets/workflows.py never leads back to brouillon)."""
    return ~Q(etat=EtatDossier.BROUILLON)


def q_de_ses_structures(user, champ: str = "porteur") -> Q:
    """Objects of the structures the user acts for, as a subquery (no join, so no duplicate rows)."""
    return Q(**{f"{champ}_id__in": PorteurMembre.objects.filter(user=user).values("porteur_id")})


def dossiers_visibles(*, user) -> QuerySet[Dossier]:
    """Dossiers a user may read: those of their structures, drafts included; deposited ones for the staff who read
    dossiers (`lit_les_dossiers_deposes`), of the campagnes they are invited to for a COTECH partner."""
    if not user.is_authenticated:
        return Dossier.objects.none()
    if not lit_les_dossiers_deposes(user):
        return Dossier.objects.filter(q_de_ses_structures(user))
    lus = q_depose()
    if est_partenaire_limite(user):
        lus &= Q(campagne_id__in=campagnes_visibles(user=user).values("pk"))
    return Dossier.objects.filter(q_de_ses_structures(user) | lus)


def get_dossier_for_user(*, user, pk: int, write: bool = False) -> Dossier:
    """The dossier if the user may read it (write: act for its porteur); 404 otherwise, so nothing leaks."""
    queryset = Dossier.objects.filter(porteur__membres__user=user) if write else dossiers_visibles(user=user)
    return get_object_or_404(queryset.select_related("campagne__contrat", "porteur"), pk=pk)


def get_depot_for_user(*, user, dossier_pk: int) -> Depot:
    """The latest dépôt of a dossier (its récépissé) for the members of its structure and for the service that
    instructs (`lit_les_recepisses`); 404 for anyone else and for a dossier never deposited."""
    if not user.is_authenticated:
        raise Http404("Récépissé introuvable.")
    depots = Depot.objects.filter(dossier_id=dossier_pk)
    if not lit_les_recepisses(user):
        depots = depots.filter(q_de_ses_structures(user, "dossier__porteur"))
    depot = depots.select_related("dossier").order_by("-version").first()
    if depot is None:
        raise Http404("Ce dossier n'a pas encore été déposé.")
    return depot


def get_porteur_for_user(*, user, pk: int, gestionnaire: bool = False) -> Porteur:
    membres = PorteurMembre.objects.filter(user=user, porteur_id=pk)
    if gestionnaire:
        membres = membres.filter(est_gestionnaire=True)
    if not user.is_authenticated or not membres.exists():
        raise Http404("Structure introuvable.")
    return Porteur.objects.get(pk=pk)


# Porteurs' files (projets/views/fichiers.py).


# The current version of a standing document is the newest; the id breaks ties within the same instant.
ORDRE_VERSIONS = ["-depose_le", "-pk"]


def documents_courants(*, porteur: Porteur) -> dict[TypeDocument, DocumentPorteur | None]:
    """Each type of standing document with its current version (None if never deposited), in one query."""
    newest = DocumentPorteur.objects.filter(porteur=porteur, type=OuterRef("type")).order_by(*ORDRE_VERSIONS)
    courants = DocumentPorteur.objects.filter(porteur=porteur, pk=Subquery(newest.values("pk")[:1]))
    par_type = {document.type: document for document in courants}
    return {type_document: par_type.get(type_document) for type_document in TypeDocument}


def documents_du_porteur(*, porteur: Porteur) -> QuerySet[DocumentPorteur]:
    """Every version of every standing document, newest first within each type."""
    return (
        DocumentPorteur.objects.filter(porteur=porteur).select_related("depose_par").order_by("type", *ORDRE_VERSIONS)
    )


def get_document_porteur_for_user(*, user, pk: int) -> DocumentPorteur:
    """A standing document (statuts, RIB, accounts) for the members of its structure and for the staff who may read
    one of the structure's deposited dossiers (`dossiers_visibles`); 404 otherwise. Never for the conseil citoyen,
    nor because of a draft: a structure whose dossiers are all drafts shows nothing of itself."""
    if not user.is_authenticated:
        raise Http404("Document introuvable.")
    lisibles = q_de_ses_structures(user) | Q(porteur_id__in=dossiers_visibles(user=user).values("porteur_id"))
    return get_object_or_404(DocumentPorteur.objects.filter(lisibles), pk=pk)


def get_piece_jointe_for_user(*, user, pk: int, write: bool = False) -> PieceJointe:
    """An attachment for whoever may read its dossier (write: act for its porteur); 404 otherwise."""
    piece = get_object_or_404(PieceJointe, pk=pk)
    piece.dossier = get_dossier_for_user(user=user, pk=piece.dossier_id, write=write)
    return piece


@dataclass
class VersionsDocument:
    type: TypeDocument
    requis: bool
    courant: DocumentPorteur | None
    anciens: list[DocumentPorteur]


def documents_par_type(*, porteur: Porteur) -> list[VersionsDocument]:
    """For the documents page: each type, its current version and the older ones, from one query."""
    versions = {type_document: [] for type_document in TypeDocument}
    for document in documents_du_porteur(porteur=porteur):
        versions[document.type].append(document)
    return [
        VersionsDocument(type_document, type_document in DOCUMENTS_REQUIS, (liste or [None])[0], liste[1:])
        for type_document, liste in versions.items()
    ]


# The instruction queue (projets/views/instruction.py).


def q_en_retard(*, today: datetime.date) -> Q:
    """Overdue: compléments not returned by their deadline, or still awaiting a decision after the campagne's
    end of instruction (the COTECH date)."""
    complements_echus = DemandeComplements.objects.filter(
        dossier=OuterRef("pk"), repondue_le__isnull=True, date_limite__lt=today
    )
    return Q(etat=EtatDossier.COMPLEMENTS_DEMANDES, pk__in=Subquery(complements_echus.values("dossier"))) | Q(
        etat__in=[EtatDossier.DEPOSE, EtatDossier.EN_INSTRUCTION, EtatDossier.COMPLEMENTS_DEMANDES],
        campagne__date_limite_instruction__lt=today,
    )


def file_instruction(*, campagne: Campagne) -> QuerySet[Dossier]:
    """Submitted dossiers of a campagne with everything a row shows, in a constant number of queries."""
    demande = (
        LigneFinancement.objects.filter(dossier=OuterRef("pk"))
        .values("dossier")
        .annotate(total=Sum("montant_demande"))
        .values("total")
    )
    return (
        Dossier.objects.filter(campagne=campagne)
        .exclude(etat=EtatDossier.BROUILLON)
        .select_related("porteur", "referent")
        .annotate(
            montant_demande=Subquery(demande),
            en_retard=Case(When(q_en_retard(today=timezone.localdate()), then=True), default=False),
        )
        .prefetch_related(
            Prefetch("axes", AxeStrategique.objects.select_related("enjeu")),
            Prefetch("lignes_financement", LigneFinancement.objects.select_related("financeur")),
        )
        .order_by("numero")
    )


def comptes_par_etat(*, campagne: Campagne) -> list[tuple[str, int]]:
    """(state label, number of dossiers) for the submitted dossiers of a campagne, in workflow order."""
    nombres = dict(campagne.dossiers.exclude(etat=EtatDossier.BROUILLON).values_list("etat").annotate(n=Count("pk")))
    return [(etat.label, nombres[etat]) for etat in EtatDossier if nombres.get(etat)]


def sert_le_quartier(quartier_id) -> Exists:
    """Filter of the dossiers serving a quartier: those of the quartier itself, of its sous-quartiers (a QPV lists
    them all) and of the QPV it belongs to (an action for the whole QPV serves each of its sous-quartiers)."""
    quartiers = Dossier.quartiers.through.objects.filter(dossier=OuterRef("pk"))
    lui_ou_ses_sous_quartiers = Q(quartier_id=quartier_id) | Q(quartier__parent_id=quartier_id)
    return Exists(quartiers.filter(lui_ou_ses_sous_quartiers | Q(quartier__sous_quartiers__id=quartier_id)))
