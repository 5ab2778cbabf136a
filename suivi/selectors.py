"""Reads of the suivi: what a bilan still lacks, the action's status, payments due, late bilans, conventions."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet, Sum

from projets.enums import ETATS_FINANCES, EtatDossier, MomentQuestion
from projets.models import Dossier, LigneFinancement, QuestionEgalite
from suivi.enums import EtatBilan, StatutAction
from suivi.models import TRANCHES_AGE, Bilan, Convention, Indicateur, SuiviAction, ValeurIndicateur, Versement
from suivi.rules import ETATS_BILAN_ATTENDU, ZERO, bilan_date_limite, ecart_a_justifier, publics_incoherents


def bilan_manques(*, bilan: Bilan) -> list[str]:
    """What prevents filing the bilan, each in a sentence that says what to do (empty when complete)."""
    manques = []
    if not bilan.realisation.strip():
        manques.append("Décrivez ce qui a été réalisé.")
    if bilan.date_debut_reelle is None or bilan.date_fin_reelle is None:
        manques.append("Indiquez les dates réelles de début et de fin de l'action.")
    if bilan.public_femmes is None or bilan.public_hommes is None:
        manques.append("Indiquez le nombre de femmes et d'hommes touchés (0 si aucun).")
    quartiers = [q.nombre for q in bilan.quartiers.all()]
    manques += publics_incoherents(
        femmes=bilan.public_femmes,
        hommes=bilan.public_hommes,
        ages=[getattr(bilan, nom) for nom, _ in TRANCHES_AGE],
        quartiers=quartiers,
        hors_quartiers=bilan.public_hors_quartiers,
    )
    for ligne in bilan.lignes_budget.select_related("financeur"):
        if ligne.realise is None:
            manques.append(f"Budget réalisé : indiquez le montant de « {ligne.libelle} » (0 si rien).")
        elif ecart_a_justifier(ligne.prevu, ligne.realise) and not ligne.explication.strip():
            manques.append(f"Budget réalisé : expliquez l'écart de plus de 15 % sur « {ligne.libelle} ».")
    repondues = {r.question_id for r in bilan.reponses_egalite.all() if r.choix}
    for question in QuestionEgalite.objects.filter(moment=MomentQuestion.BILAN).exclude(pk__in=repondues):
        manques.append(f"Répondez à la question {question.numero} sur l'égalité femmes-hommes.")
    for indicateur, valeur in indicateurs_du_bilan(bilan=bilan):
        if valeur is None or valeur.valeur is None:
            manques.append(f"Indicateurs : indiquez la valeur atteinte pour « {indicateur.libelle} ».")
    return manques


def indicateurs_du_bilan(*, bilan: Bilan) -> list[tuple[Indicateur, ValeurIndicateur | None]]:
    """The action's active indicators with their value for the programmation year (None if not typed)."""
    annee = bilan.dossier.campagne.annee
    indicateurs = Indicateur.objects.filter(dossier_id=bilan.dossier_id, actif=True).prefetch_related(
        Prefetch("valeurs", ValeurIndicateur.objects.filter(annee=annee))
    )
    return [(i, next(iter(i.valeurs.all()), None)) for i in indicateurs]


def statut_action(*, dossier: Dossier, today: datetime.date) -> StatutAction:
    """À venir, en cours, réalisé, terminé or annulé, from the dossier's state, its real dates and a
    cancellation (read `dossier.suivi_action` if prefetched)."""
    suivi = _un_a_un(dossier, "suivi_action")
    if suivi and suivi.annulee_le:
        return StatutAction.ANNULE
    if dossier.etat in (EtatDossier.BILAN_VALIDE, EtatDossier.TERMINE):
        return StatutAction.TERMINE
    if dossier.etat in (EtatDossier.REALISE, EtatDossier.BILAN_DEPOSE):
        return StatutAction.REALISE
    debut = (suivi and suivi.debut_reel) or dossier.date_debut
    fin = (suivi and suivi.fin_reelle) or dossier.date_fin
    if fin and fin < today:
        return StatutAction.REALISE
    if dossier.etat == EtatDossier.EN_COURS or (debut and debut <= today):
        return StatutAction.EN_COURS
    return StatutAction.A_VENIR


def _un_a_un(dossier: Dossier, nom: str):
    """The reverse one-to-one object (suivi_action, bilan), or None when there is none."""
    try:
        return getattr(dossier, nom)
    except (SuiviAction.DoesNotExist, Bilan.DoesNotExist):
        return None


@dataclass
class VersementDu:
    versement: Versement
    en_retard: bool


def versements_dus(*, today: datetime.date, jusqu_au: datetime.date | None = None) -> list[VersementDu]:
    """Payments not made whose date has come (or comes before `jusqu_au`), oldest first."""
    limite = jusqu_au or today
    versements = (
        Versement.objects.filter(date_versement__isnull=True, date_prevue__lte=limite)
        .select_related("ligne__financeur", "ligne__dossier__porteur", "ligne__dossier__campagne")
        .order_by("date_prevue", "pk")
    )
    return [VersementDu(v, v.date_prevue < today) for v in versements]


@dataclass
class EtatLigne:
    ligne: LigneFinancement
    prevu: Decimal
    verse: Decimal

    @property
    def reste(self) -> Decimal:
        return (self.ligne.montant_vote or ZERO) - self.verse


def versements_du_dossier(*, dossier: Dossier) -> list[EtatLigne]:
    """For each voted line: its schedule, what is paid and what remains."""
    lignes = (
        dossier.lignes_financement.filter(montant_vote__gt=0)
        .select_related("financeur")
        .prefetch_related(Prefetch("versements", queryset=Versement.objects.order_by("date_prevue", "pk")))
    )
    return [
        EtatLigne(
            ligne=ligne,
            prevu=sum((v.montant_prevu for v in ligne.versements.all()), ZERO),
            verse=sum((v.montant_verse or ZERO for v in ligne.versements.all()), ZERO),
        )
        for ligne in lignes
    ]


@dataclass
class BilanAttendu:
    dossier: Dossier
    bilan: Bilan | None
    echeance: datetime.date

    def en_retard(self, today: datetime.date) -> bool:
        return today > self.echeance


def bilans_attendus(*, today: datetime.date | None = None) -> list[BilanAttendu]:
    """Funded actions whose bilan is not filed yet (or returned for completion), cancelled ones excepted."""
    dossiers = (
        Dossier.objects.filter(
            Q(etat__in=ETATS_BILAN_ATTENDU) | Q(etat=EtatDossier.BILAN_DEPOSE, bilan__etat=EtatBilan.A_CORRIGER)
        )
        .exclude(suivi_action__annulee_le__isnull=False)
        .exclude(bilan__etat__in=[EtatBilan.DEPOSE, EtatBilan.VALIDE])
        .select_related("campagne", "porteur", "bilan", "suivi_action")
        .order_by("campagne__annee", "numero")
    )
    attendus = []
    for dossier in dossiers:
        bilan = _un_a_un(dossier, "bilan")
        echeance = (
            bilan.date_limite if bilan else bilan_date_limite(annee=dossier.campagne.annee, date_fin=dossier.date_fin)
        )
        attendus.append(BilanAttendu(dossier=dossier, bilan=bilan, echeance=echeance))
    return attendus


def bilans_a_examiner() -> QuerySet[Bilan]:
    return Bilan.objects.filter(etat=EtatBilan.DEPOSE).select_related("dossier__porteur", "dossier__campagne")


def conventions_list(*, annee: int | None = None) -> QuerySet[Convention]:
    conventions = Convention.objects.select_related("porteur").prefetch_related("dossiers", "engagements__financeur")
    if annee:
        conventions = conventions.filter(annee_debut__lte=annee, annee_fin__gte=annee)
    # An aggregate drops Meta.ordering (Django ≥ 3.1): the model's order, said again.
    return conventions.annotate(total=Sum("engagements__montant")).order_by("-annee_debut", "numero")


def dossiers_a_conventionner() -> QuerySet[Dossier]:
    """Retained dossiers with a voted amount and no convention yet."""
    return (
        Dossier.objects.filter(etat=EtatDossier.RETENU, lignes_financement__montant_vote__gt=0, conventions=None)
        .distinct()
        .select_related("porteur", "campagne")
        .order_by("porteur__raison_sociale", "numero")
    )


def dossiers_finances(*, annee: int) -> QuerySet[Dossier]:
    return Dossier.objects.filter(campagne__annee=annee, etat__in=ETATS_FINANCES)


@dataclass
class ActionSuivie:
    """A funded action as its porteur follows it: status, convention, payments, bilan."""

    dossier: Dossier
    statut: StatutAction
    convention: Convention | None
    vote: Decimal
    verse: Decimal
    bilan: Bilan | None
    echeance: datetime.date


def actions_du_porteur(*, user, today: datetime.date) -> list[ActionSuivie]:
    """The funded dossiers of the user's porteurs, newest year first, in a fixed number of queries."""
    dossiers = (
        Dossier.objects.filter(porteur__membres__user=user, etat__in=ETATS_FINANCES)
        .distinct()
        .select_related("campagne", "porteur", "bilan", "suivi_action")
        .prefetch_related("conventions", "lignes_financement__versements")
        .order_by("-campagne__annee", "numero")
    )
    actions = []
    for dossier in dossiers:
        lignes = list(dossier.lignes_financement.all())
        bilan = _un_a_un(dossier, "bilan")
        actions.append(
            ActionSuivie(
                dossier=dossier,
                statut=statut_action(dossier=dossier, today=today),
                convention=next(iter(dossier.conventions.all()), None),
                vote=sum((ligne.montant_vote or ZERO for ligne in lignes), ZERO),
                verse=sum((v.montant_verse or ZERO for ligne in lignes for v in ligne.versements.all()), ZERO),
                bilan=bilan,
                echeance=bilan.date_limite
                if bilan
                else bilan_date_limite(annee=dossier.campagne.annee, date_fin=dossier.date_fin),
            )
        )
    return actions


def bilan_formulaire(*, bilan: Bilan):
    """What the bilan form shows: its budget lines, the contract's active quartiers with their counts, the
    bilan questions and their answers."""
    lignes = list(bilan.lignes_budget.select_related("financeur").order_by("financeur_id", "compte"))
    comptes = {q.quartier_id: q.nombre for q in bilan.quartiers.all()}
    quartiers = [
        (quartier, comptes.get(quartier.pk))
        for quartier in bilan.dossier.campagne.contrat.quartiers.filter(actif=True).order_by("type", "nom")
    ]
    questions = list(QuestionEgalite.objects.filter(moment=MomentQuestion.BILAN).order_by("numero"))
    reponses = {r.question_id: r for r in bilan.reponses_egalite.all()}
    return lignes, quartiers, questions, reponses


def dossiers_pour_une_annee_suivante(*, convention: Convention) -> QuerySet[Dossier]:
    """Dossiers of the convention's porteur voted for one of its later years and not yet conventionnés."""
    return (
        Dossier.objects.filter(
            porteur_id=convention.porteur_id,
            etat=EtatDossier.RETENU,
            campagne__annee__gt=convention.annee_debut,
            campagne__annee__lte=convention.annee_fin,
            conventions=None,
        )
        .select_related("campagne")
        .order_by("campagne__annee", "numero")
    )


def bilans_a_presenter() -> QuerySet[Bilan]:
    """Validated bilans not yet presented to a COPIL séance, oldest validation first."""
    return (
        Bilan.objects.filter(etat=EtatBilan.VALIDE, seance_copil__isnull=True)
        .select_related("dossier__porteur", "dossier__campagne")
        .order_by("valide_le", "pk")
    )
