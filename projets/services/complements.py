"""The porteur's answer to a compléments request: a new dépôt frozen, the request closed, the instruction told.

The request itself (`complements_demander`) is in projets/services/instruction.py; which steps it reopens to
the porteur is read by projets.selectors_complements.etapes_modifiables, used by every write of the wizard.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from projets.enums import EtatDossier
from projets.models import DemandeComplements, Depot, Dossier
from projets.selectors_complements import demande_complements_en_cours
from projets.selectors_dossier import dossier_avancement
from projets.services.depots import depot_create
from projets.services.dossiers import dossier_transition
from projets.services.notifications import notifier
from projets.workflows import Acteur


def destinataires_complements(*, dossier: Dossier, demande: DemandeComplements) -> list[str]:
    """Who is told that compléments came back: the référent of the dossier; without one, the person who asked
    and the référents of the financeur lines (those instructing the dossier)."""
    if dossier.referent_id and dossier.referent.is_active:
        return [dossier.referent.email]
    emails = {demande.demandee_par.email} if demande.demandee_par.is_active else set()
    for ligne in dossier.lignes_financement.select_related("referent").filter(referent__is_active=True):
        emails.add(ligne.referent.email)
    return sorted(emails)


@transaction.atomic
def complements_repondre(*, dossier: Dossier, by, moment: datetime.datetime | None = None) -> Depot:
    """Send the completed dossier back: checked as at submission, frozen as the next dépôt (with its récépissé),
    the request marked answered, the dossier back `en instruction`, its référent told by mail."""
    moment = moment or timezone.now()
    dossier = (
        Dossier.objects.select_for_update(of=("self",))
        .select_related("campagne__contrat", "porteur", "referent")
        .get(pk=dossier.pk)
    )
    if not dossier.porteur.membres.filter(user=by).exists():
        raise PermissionDenied("Seules les personnes habilitées pour la structure peuvent renvoyer ce dossier.")
    demande = demande_complements_en_cours(dossier=dossier)
    if demande is None:
        raise ValidationError(
            f"Aucun complément n'est demandé sur ce dossier (« {dossier.get_etat_display()} ») : il n'y a rien "
            "à renvoyer.",
            code="pas_de_demande",
        )
    manques = [manque for avancement in dossier_avancement(dossier=dossier) for manque in avancement.manques]
    if manques:
        raise ValidationError([ValidationError(manque, code="incomplet") for manque in manques])
    dossier = dossier_transition(
        dossier=dossier,
        vers=EtatDossier.EN_INSTRUCTION,
        acteur=Acteur.PORTEUR,
        by=by,
        motif=f"Compléments renvoyés (demande du {timezone.localtime(demande.demandee_le):%d/%m/%Y}).",
    )
    depot = depot_create(dossier=dossier, by=by, moment=moment)
    demande.repondue_le = moment
    demande.depot_reponse = depot
    demande.save(update_fields=["repondue_le", "depot_reponse"])
    notifier(
        destinataires=destinataires_complements(dossier=dossier, demande=demande),
        sujet=f"Dossier {dossier.numero} : compléments reçus",
        gabarit="projets/emails/complements_recus.txt",
        contexte={
            "dossier": dossier,
            "demande": demande,
            "depot": depot,
            "en_retard": timezone.localdate(moment) > demande.date_limite,
        },
    )
    return depot
