"""Writes of the COTECH: séances (date, lieu, who attended, compte rendu) and the collective avis per dossier.

Only the instruction (service politique de la ville) records them; COTECH partners and the COPIL read them.
"""

import datetime
from collections.abc import Iterable, Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from projets.enums import Avis, TypeInstance
from projets.models import Campagne, Dossier, Examen, Seance
from projets.rules import dossier_examinable_en_cotech
from projets.selectors_cotech import participants_possibles
from projets.services.instruction import Changement, ModificationConcurrente, est_instructeur
from projets.services.seances import instance_du_contrat


def _require_instruction(user) -> None:
    if not est_instructeur(user):
        raise PermissionDenied("Seul le service politique de la ville enregistre les séances du COTECH.")


def _check_participants(participants: Iterable, seance: Seance | None) -> list:
    participants = list(participants)
    possibles = set(participants_possibles(seance=seance).filter(pk__in=[p.pk for p in participants]))
    if set(participants) - possibles:
        raise ValidationError(
            {
                "participants": "Choisissez parmi les comptes des équipes ; "
                "les autres personnes vont dans le champ libre."
            }
        )
    return participants


@transaction.atomic
def seance_create(
    *,
    campagne: Campagne,
    by,
    date: datetime.date,
    lieu: str = "",
    participants: Iterable = (),
    autres_participants: str = "",
    compte_rendu: str = "",
) -> Seance:
    _require_instruction(by)
    participants = _check_participants(participants, None)
    seance = Seance.objects.create(
        comite=instance_du_contrat(contrat=campagne.contrat, type=TypeInstance.COTECH),
        campagne=campagne,
        date=date,
        lieu=lieu.strip(),
        autres_participants=autres_participants.strip(),
        compte_rendu=compte_rendu.strip(),
    )
    seance.participants.set(participants)
    return seance


@transaction.atomic
def seance_update(
    *,
    seance: Seance,
    by,
    date: datetime.date,
    lieu: str,
    participants: Iterable,
    autres_participants: str,
    compte_rendu: str,
) -> Seance:
    _require_instruction(by)
    participants = _check_participants(participants, seance)
    seance.date = date
    seance.lieu = lieu.strip()
    seance.autres_participants = autres_participants.strip()
    seance.compte_rendu = compte_rendu.strip()
    seance.save()
    seance.participants.set(participants)
    return seance


@transaction.atomic
def seance_add_dossiers(*, seance: Seance, by, dossiers: Iterable[Dossier]) -> list[Examen]:
    """Put dossiers on the séance's agenda; a dossier already there is left as it is."""
    _require_instruction(by)
    dossiers = list(dossiers)
    refuses = [d for d in dossiers if not dossier_examinable_en_cotech(dossier=d, seance=seance)]
    if refuses:
        raise ValidationError(
            {
                "dossiers": f"{', '.join(str(d.numero or d) for d in refuses)} : seuls les dossiers déposés de "
                f"la campagne {seance.campagne}, ni retirés ni irrecevables, passent en COTECH."
            }
        )
    return [Examen.objects.get_or_create(seance=seance, dossier=dossier)[0] for dossier in dossiers]


@transaction.atomic
def examens_save(*, seance: Seance, by, saisies: Mapping[Examen, tuple[str, str]], lus: Mapping | None = None) -> int:
    """Record the collective avis and observations of each examined dossier; returns how many changed.

    `lus` maps an examen's pk to the (avis, observations) shown when the form was loaded: if someone else has
    changed a row since, nothing is saved and ModificationConcurrente says which rows and how.
    """
    _require_instruction(by)
    actuels = {e.pk: e for e in Examen.objects.select_for_update().filter(pk__in=[e.pk for e in saisies])}
    conflits = []
    for examen, (avis, commentaire) in saisies.items():
        actuel = actuels[examen.pk]
        lu = (lus or {}).get(examen.pk)
        valeurs = (actuel.avis, actuel.commentaire)
        if lu is not None and valeurs != tuple(lu) and valeurs != (avis, commentaire.strip()):
            conflits.append((actuel, lu))
    if conflits:
        raise _conflit(conflits)
    modifies = 0
    for examen, (avis, commentaire) in saisies.items():
        if examen.seance_id != seance.pk:
            raise ValueError("Dossier examiné dans une autre séance.")
        if avis and avis not in Avis.values:
            raise ValidationError("Avis inconnu.", code="avis")
        commentaire = commentaire.strip()
        examen = actuels[examen.pk]
        if (examen.avis, examen.commentaire) != (avis, commentaire):
            examen.avis, examen.commentaire = avis, commentaire
            examen._history_user = by
            examen.save(update_fields=["avis", "commentaire"])
            modifies += 1
    return modifies


@transaction.atomic
def examen_remove(*, examen: Examen, by) -> None:
    """Take a dossier off a séance's agenda (added by mistake), unless the séance already gave its avis on it."""
    _require_instruction(by)
    if examen.avis or examen.commentaire.strip():
        raise ValidationError(
            f"L'avis du COTECH sur {examen.dossier.numero} est enregistré : effacez d'abord l'avis et les "
            "observations, puis retirez le dossier de l'ordre du jour.",
            code="examen_avec_avis",
        )
    examen.delete()


def _conflit(conflits: list[tuple[Examen, tuple[str, str]]]) -> ModificationConcurrente:
    libelles = dict(Avis.choices)
    changements = []
    for examen, (avis_lu, commentaire_lu) in conflits:
        numero = examen.dossier.numero
        if examen.avis != avis_lu:
            changements.append(
                Changement(f"{numero}, avis collectif", libelles.get(avis_lu, "—"), libelles.get(examen.avis, "—"))
            )
        if examen.commentaire != commentaire_lu:
            changements.append(Changement(f"{numero}, observations", commentaire_lu or "—", examen.commentaire or "—"))
    auteur = conflits[0][0].history.order_by("-history_date").first()
    par = str(auteur.history_user) if auteur and auteur.history_user else "quelqu'un d'autre"
    return ModificationConcurrente(
        f"{par} a enregistré des avis de cette séance pendant que vous les saisissiez : rien n'a été enregistré. "
        "Vos saisies sont conservées ci-dessous ; comparez avec les valeurs actuelles puis enregistrez à nouveau.",
        par=par,
        changements=changements,
    )
