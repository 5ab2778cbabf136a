"""Writes of the instruction: assignment, recevabilité, compléments, avis per financeur line, analysis, decision.

Every write checks who acts (`acteurs_du_compte`, `peut_instruire_ligne`) here rather than in the views, and
the amounts and avis are saved with a conditional UPDATE on a version so that nothing is silently overwritten.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from comptes.roles import Role
from contratville.formatting import de
from projets.enums import Avis, ElementComplement, EtatDossier
from projets.models import (
    ControleRecevabilite,
    CritereAnalyse,
    DemandeComplements,
    Depot,
    Dossier,
    LigneFinancement,
    NoteCritere,
)
from projets.services.dossiers import dossier_transition
from projets.services.notifications import destinataires_porteur, notifier
from projets.workflows import ETATS_INSTRUCTION_OUVERTE, Acteur, acteurs_du_compte


def _require_instruction(user) -> None:
    if Acteur.INSTRUCTION not in acteurs_du_compte(user):
        raise PermissionDenied("Seul le service politique de la ville peut faire cela.")


def est_instructeur(user) -> bool:
    return Acteur.INSTRUCTION in acteurs_du_compte(user)


def peut_instruire_ligne(user, ligne: LigneFinancement) -> bool:
    """A financeur's line is instructed by its own agents; lines of financeurs without agents by the city."""
    agents = ligne.financeur.agents.all()
    if agents:
        return user in agents
    return est_instructeur(user)


def instruit_le_dossier(user, dossier: Dossier) -> bool:
    """The city's instruction, or the agents of a financeur the dossier asks money from."""
    return est_instructeur(user) or dossier.lignes_financement.filter(financeur__agents=user).exists()


# --- Assignment -------------------------------------------------------------------------------------------


def referents_possibles(*, ligne: LigneFinancement | None = None):
    from comptes.models import User

    if ligne is not None and ligne.financeur.agents.exists():
        return ligne.financeur.agents.filter(is_active=True)
    return User.objects.filter(
        is_active=True, is_staff=True, groups__name__in=[Role.INSTRUCTEUR, Role.ADMINISTRATEUR]
    ).distinct()


@transaction.atomic
def dossier_assign(*, dossier: Dossier, referent, by) -> Dossier:
    """Set the référent of the dossier; the history records who reassigned it, when, from whom to whom."""
    _require_instruction(by)
    if referent is not None and not referents_possibles().filter(pk=referent.pk).exists():
        raise ValidationError("Cette personne n'instruit pas les dossiers.", code="referent_invalide")
    dossier.referent = referent
    dossier._history_user = by  # the history's author, also outside a request (Celery, commands, tests)
    dossier.save(update_fields=["referent", "modifie_le"])
    return dossier


@transaction.atomic
def dossiers_assign(*, dossiers, referent, by) -> int:
    """Batch assignment from the queue: each dossier is saved on its own so that the history records it."""
    _require_instruction(by)
    if referent is not None and not referents_possibles().filter(pk=referent.pk).exists():
        raise ValidationError("Cette personne n'instruit pas les dossiers.", code="referent_invalide")
    nombre = 0
    # Lock the dossiers themselves: the queue's queryset joins nullable relations PostgreSQL cannot lock.
    for dossier in Dossier.objects.select_for_update().filter(pk__in=dossiers.values("pk")):
        if dossier.referent_id != (referent.pk if referent else None):
            dossier.referent = referent
            dossier._history_user = by
            dossier.save(update_fields=["referent", "modifie_le"])
            nombre += 1
    return nombre


@transaction.atomic
def ligne_assign(*, ligne: LigneFinancement, referent, by) -> LigneFinancement:
    if not (est_instructeur(by) or peut_instruire_ligne(by, ligne)):
        raise PermissionDenied("Vous n'instruisez pas la ligne de ce financeur.")
    if referent is not None and not referents_possibles(ligne=ligne).filter(pk=referent.pk).exists():
        raise ValidationError(
            f"La ligne {ligne.financeur} est instruite par les agents de ce financeur.", code="referent_invalide"
        )
    ligne.referent = referent
    ligne._history_user = by
    ligne.save(update_fields=["referent"])
    return ligne


# --- Recevabilité -----------------------------------------------------------------------------------------


@transaction.atomic
def recevabilite_save(*, dossier: Dossier, by, criteres: dict[str, bool], commentaire: str) -> ControleRecevabilite:
    _require_instruction(by)
    unknown = set(criteres) - set(ControleRecevabilite.CRITERES)
    if unknown:
        raise ValueError(f"Critères inconnus : {unknown}")
    controle, _ = ControleRecevabilite.objects.update_or_create(
        dossier=dossier, defaults={**criteres, "commentaire": commentaire, "par": by, "le": timezone.now()}
    )
    return controle


@transaction.atomic
def dossier_declare_recevable(*, dossier: Dossier, by) -> Dossier:
    _require_instruction(by)
    controle = ControleRecevabilite.objects.filter(dossier=dossier).first()
    if controle is None or controle.criteres_manquants:
        manquants = ", ".join(controle.criteres_manquants) if controle else "la liste de contrôle n'est pas remplie"
        raise ValidationError(
            f"Le dossier ne peut pas être déclaré recevable : {manquants}. Demandez des compléments "
            "ou déclarez-le irrecevable.",
            code="recevabilite_incomplete",
        )
    return dossier_transition(dossier=dossier, vers=EtatDossier.EN_INSTRUCTION, acteur=Acteur.INSTRUCTION, by=by)


@transaction.atomic
def dossier_declare_irrecevable(*, dossier: Dossier, by, motif: str) -> Dossier:
    _require_instruction(by)
    if not motif.strip():
        raise ValidationError("Indiquez le motif d'irrecevabilité : il est envoyé à la structure.", code="motif")
    dossier = dossier_transition(
        dossier=dossier, vers=EtatDossier.IRRECEVABLE, acteur=Acteur.INSTRUCTION, by=by, motif=motif.strip()
    )
    notifier(
        destinataires=destinataires_porteur(dossier),
        sujet=f"Dossier {dossier.numero} : irrecevable",
        gabarit="projets/emails/irrecevable.txt",
        contexte={"dossier": dossier, "motif": motif.strip()},
    )
    return dossier


@transaction.atomic
def complements_demander(
    *, dossier: Dossier, by, elements: list[str], message: str, date_limite: datetime.date
) -> DemandeComplements:
    """Reopen the listed steps for the porteur until the deadline, tell them by mail; the state follows."""
    _require_instruction(by)
    errors = {}
    if not elements:
        errors["elements"] = "Cochez au moins un élément à compléter."
    elif set(elements) - set(ElementComplement.values):
        errors["elements"] = "Élément inconnu."
    if not message.strip():
        errors["message"] = "Écrivez à la structure ce qui manque : elle ne voit que ce message et la liste cochée."
    if date_limite <= timezone.localdate():
        errors["date_limite"] = "La date limite doit être dans le futur."
    if errors:
        raise ValidationError(errors)
    dossier = dossier_transition(
        dossier=dossier, vers=EtatDossier.COMPLEMENTS_DEMANDES, acteur=Acteur.INSTRUCTION, by=by, motif=message
    )
    demande = DemandeComplements.objects.create(
        dossier=dossier,
        elements=[e for e in ElementComplement.values if e in elements],
        message=message.strip(),
        date_limite=date_limite,
        demandee_par=by,
        demandee_le=timezone.now(),
        depot_avant=Depot.objects.filter(dossier=dossier).order_by("-version").first(),
    )
    notifier(
        destinataires=destinataires_porteur(dossier),
        sujet=f"Dossier {dossier.numero} : des compléments sont demandés",
        gabarit="projets/emails/complements_demandes.txt",
        contexte={"dossier": dossier, "demande": demande},
    )
    return demande


def demande_en_cours(dossier: Dossier) -> DemandeComplements | None:
    return dossier.demandes_complements.filter(repondue_le__isnull=True).order_by("-demandee_le").first()


# --- Avis per financeur line, with optimistic locking -----------------------------------------------------


@dataclass(frozen=True)
class Changement:
    champ: str
    avant: str
    apres: str


class ModificationConcurrente(ValidationError):
    """Someone saved the same thing since the form was loaded: nothing was written; here is what they changed."""

    def __init__(self, message: str, *, par: str, changements: list[Changement]):
        super().__init__(message, code="concurrent")
        self.par = par
        self.changements = changements


def changements_depuis(instance, version: int) -> tuple[str, list[Changement]]:
    """Who changed `instance` since `version` and how, from its history rows (django-simple-history)."""
    ancien = instance.history.filter(version__lte=version).order_by("-history_date", "-history_id").first()
    courant = instance.history.order_by("-history_date", "-history_id").first()
    if ancien is None or courant is None or ancien.pk == courant.pk:
        return "quelqu'un d'autre", []
    delta = courant.diff_against(ancien, excluded_fields=["version"])
    changements = [
        Changement(
            champ=str(instance._meta.get_field(c.field).verbose_name),
            avant=_lisible(instance, c.field, c.old),
            apres=_lisible(instance, c.field, c.new),
        )
        for c in delta.changes
    ]
    auteur = courant.history_user
    return (str(auteur) if auteur else "quelqu'un d'autre"), changements


def _lisible(instance, champ: str, valeur) -> str:
    from contratville.formatting import format_euros

    if valeur in (None, ""):
        return "—"
    field = instance._meta.get_field(champ)
    if field.choices:
        return str(dict(field.flatchoices).get(valeur, valeur))
    if isinstance(valeur, Decimal):
        return format_euros(valeur)
    return str(valeur)


@transaction.atomic
def ligne_avis_save(
    *, ligne: LigneFinancement, by, version: int, avis: str, commentaire: str, montant_propose: Decimal | None
) -> LigneFinancement:
    if not peut_instruire_ligne(by, ligne):
        raise PermissionDenied(f"Seuls les agents {de(ligne.financeur)} donnent l'avis et le montant de cette ligne.")
    if ligne.dossier.etat not in ETATS_INSTRUCTION_OUVERTE:
        raise ValidationError("L'instruction de ce dossier est close : l'avis ne peut plus changer.", code="clos")
    if avis and avis not in Avis.values:
        raise ValidationError({"avis": "Avis inconnu."})
    if avis == Avis.DEFAVORABLE and montant_propose:
        raise ValidationError({"montant_propose": "Un avis défavorable ne propose pas de montant : laissez 0."})
    if montant_propose is not None and montant_propose > ligne.montant_demande:
        raise ValidationError(
            {"montant_propose": "Le montant proposé dépasse le montant demandé par la structure pour ce financeur."}
        )
    updated = LigneFinancement.objects.filter(pk=ligne.pk, version=version).update(version=F("version") + 1)
    if not updated:
        ligne.refresh_from_db()
        par, changements = changements_depuis(ligne, version)
        raise ModificationConcurrente(
            f"{par} a enregistré cette ligne pendant que vous la modifiiez : votre saisie n'a pas été enregistrée. "
            "Vérifiez les valeurs actuelles ci-dessous puis enregistrez à nouveau.",
            par=par,
            changements=changements,
        )
    ligne.refresh_from_db(fields=["version"])
    ligne.avis = avis
    ligne.commentaire_avis = commentaire.strip()
    ligne.montant_propose = Decimal("0") if avis == Avis.DEFAVORABLE else montant_propose
    ligne._history_user = by
    ligne.save(update_fields=["avis", "commentaire_avis", "montant_propose"])
    return ligne


@transaction.atomic
def analyse_save(
    *, dossier: Dossier, by, version: int, notes: dict[CritereAnalyse, tuple[int | None, str]], synthese: str
) -> Dossier:
    """The grille d'analyse and the synthesis for the COPIL, saved together against the dossier's version."""
    if not instruit_le_dossier(by, dossier):
        raise PermissionDenied("Vous n'instruisez pas ce dossier.")
    if dossier.etat not in ETATS_INSTRUCTION_OUVERTE:
        raise ValidationError("L'instruction de ce dossier est close : l'analyse ne peut plus changer.", code="clos")
    for critere, (note, _) in notes.items():
        if critere.campagne_id != dossier.campagne_id:
            raise ValueError("Critère d'une autre campagne.")
        if note is not None and not 0 <= note <= 3:
            raise ValidationError({f"note_{critere.pk}": "La note va de 0 à 3."})
    updated = Dossier.objects.filter(pk=dossier.pk, version=version).update(version=F("version") + 1)
    if not updated:
        dossier.refresh_from_db()
        par, changements = changements_depuis(dossier, version)
        raise ModificationConcurrente(
            f"{par} a modifié ce dossier pendant que vous saisissiez l'analyse : rien n'a été enregistré. "
            "Vos saisies sont conservées ci-dessous ; comparez avec les valeurs actuelles puis enregistrez à nouveau.",
            par=par,
            changements=changements,
        )
    dossier.refresh_from_db(fields=["version"])
    for critere, (note, commentaire) in notes.items():
        NoteCritere.objects.update_or_create(
            dossier=dossier, critere=critere, defaults={"note": note, "commentaire": commentaire.strip()}
        )
    dossier.synthese = synthese.strip()
    dossier._history_user = by
    dossier.save(update_fields=["synthese", "modifie_le"])
    return dossier


def manques_pour_proposer(dossier: Dossier) -> list[str]:
    manques = []
    for ligne in dossier.lignes_financement.select_related("financeur"):
        if not ligne.avis:
            manques.append(f"l'avis {de(ligne.financeur)}")
        elif ligne.avis != Avis.DEFAVORABLE and ligne.montant_propose is None:
            manques.append(f"le montant proposé par {ligne.financeur}")
    if not dossier.synthese.strip():
        manques.append("la synthèse pour le COPIL")
    return manques


@transaction.atomic
def dossier_propose_au_copil(*, dossier: Dossier, by) -> Dossier:
    _require_instruction(by)
    manques = manques_pour_proposer(dossier)
    if manques:
        raise ValidationError(f"Il manque {', '.join(manques)}.", code="instruction_incomplete")
    return dossier_transition(dossier=dossier, vers=EtatDossier.INSTRUIT, acteur=Acteur.INSTRUCTION, by=by)


@transaction.atomic
def dossier_reprendre_instruction(*, dossier: Dossier, by) -> Dossier:
    _require_instruction(by)
    return dossier_transition(dossier=dossier, vers=EtatDossier.EN_INSTRUCTION, acteur=Acteur.INSTRUCTION, by=by)
