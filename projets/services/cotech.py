"""Writes of the COTECH: séances (date, lieu, who attended, compte rendu) and the collective avis per dossier.

Only the instruction (service politique de la ville) records them; COTECH partners and the COPIL read them.
"""

import datetime
from collections.abc import Iterable, Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from projets.enums import Avis
from projets.models import Campagne, Dossier, ExamenCotech, SeanceCotech
from projets.rules import dossier_examinable_en_cotech
from projets.selectors_cotech import participants_possibles
from projets.services.instruction import est_instructeur


def _require_instruction(user) -> None:
    if not est_instructeur(user):
        raise PermissionDenied("Seul le service politique de la ville enregistre les séances du COTECH.")


def _check_participants(participants: Iterable, seance: SeanceCotech | None) -> list:
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
) -> SeanceCotech:
    _require_instruction(by)
    participants = _check_participants(participants, None)
    seance = SeanceCotech.objects.create(
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
    seance: SeanceCotech,
    by,
    date: datetime.date,
    lieu: str,
    participants: Iterable,
    autres_participants: str,
    compte_rendu: str,
) -> SeanceCotech:
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
def seance_add_dossiers(*, seance: SeanceCotech, by, dossiers: Iterable[Dossier]) -> list[ExamenCotech]:
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
    return [ExamenCotech.objects.get_or_create(seance=seance, dossier=dossier)[0] for dossier in dossiers]


@transaction.atomic
def examens_save(*, seance: SeanceCotech, by, saisies: Mapping[ExamenCotech, tuple[str, str]]) -> int:
    """Record the collective avis and observations of each examined dossier; returns how many changed."""
    _require_instruction(by)
    modifies = 0
    for examen, (avis, commentaire) in saisies.items():
        if examen.seance_id != seance.pk:
            raise ValueError("Dossier examiné dans une autre séance.")
        if avis and avis not in Avis.values:
            raise ValidationError("Avis inconnu.", code="avis")
        commentaire = commentaire.strip()
        if (examen.avis, examen.commentaire) != (avis, commentaire):
            examen.avis, examen.commentaire = avis, commentaire
            examen.save(update_fields=["avis", "commentaire"])
            modifies += 1
    return modifies


@transaction.atomic
def examen_remove(*, examen: ExamenCotech, by) -> None:
    """Take a dossier off a séance's agenda (added by mistake), unless the séance already gave its avis on it."""
    _require_instruction(by)
    if examen.avis or examen.commentaire.strip():
        raise ValidationError(
            f"L'avis du COTECH sur {examen.dossier.numero} est enregistré : effacez d'abord l'avis et les "
            "observations, puis retirez le dossier de l'ordre du jour.",
            code="examen_avec_avis",
        )
    examen.delete()
