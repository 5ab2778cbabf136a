"""Indicators: declared on an objectif opérationnel or on a funded action, then one value and target per year
(typed by the service, or by the porteur in its bilan)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from enjeux.models import ObjectifOperationnel
from projets.enums import ETATS_FINANCES
from projets.models import Dossier
from suivi.enums import TypeIndicateur
from suivi.models import Indicateur, ValeurIndicateur
from suivi.rules import valeur_indicateur_erreur


@transaction.atomic
def indicateur_create(
    *,
    libelle: str,
    type: str = TypeIndicateur.NOMBRE,
    unite: str = "",
    service: str = "",
    objectif: ObjectifOperationnel | None = None,
    dossier: Dossier | None = None,
    by=None,
) -> Indicateur:
    """An indicator measures one objectif opérationnel or one funded action, never both, never nothing."""
    libelle = libelle.strip()
    if not libelle:
        raise ValidationError({"libelle": "Indiquez ce que mesure l'indicateur."})
    if (objectif is None) == (dossier is None):
        raise ValidationError(
            {"rattachement": "Rattachez l'indicateur à un objectif opérationnel ou à une action (l'un des deux)."}
        )
    if dossier is not None and dossier.etat not in ETATS_FINANCES:
        raise ValidationError(
            {"rattachement": f"« {dossier} » n'est pas une action financée : elle ne porte pas d'indicateur."}
        )
    contrat = objectif.axe.enjeu.contrat if objectif else dossier.campagne.contrat
    doublon = Indicateur.objects.filter(
        libelle__iexact=libelle, objectif=objectif, dossier=dossier, contrat=contrat
    ).exists()
    if doublon:
        raise ValidationError({"libelle": "Cet indicateur existe déjà pour ce rattachement."})
    indicateur = Indicateur(
        contrat=contrat,
        libelle=libelle,
        type=type,
        unite=unite.strip(),
        service=service.strip(),
        objectif=objectif,
        dossier=dossier,
    )
    indicateur._history_user = by  # the history's author, also outside a request
    indicateur.save()
    return indicateur


def annees_possibles(indicateur: Indicateur) -> range:
    """The contract's years; an action's indicator starts with its programmation year, an objectif's with the
    objectif's year."""
    contrat = indicateur.contrat
    if indicateur.dossier_id:
        debut = indicateur.dossier.campagne.annee
    elif indicateur.objectif_id:
        debut = indicateur.objectif.annee
    else:
        debut = contrat.annee_debut
    return range(debut, max(debut, contrat.annee_fin_effective) + 1)


def _verifier(indicateur: Indicateur, annee: int, valeur, cible) -> None:
    erreurs = {}
    if not indicateur.actif:
        raise ValidationError("Cet indicateur n'est plus suivi : réactivez-le avant d'y saisir une valeur.")
    annees = annees_possibles(indicateur)
    if annee not in annees:
        erreurs["annee"] = f"Choisissez une année entre {annees.start} et {annees.stop - 1}."
    for champ, nombre in (("valeur", valeur), ("cible", cible)):
        message = valeur_indicateur_erreur(type_indicateur=indicateur.type, valeur=nombre)
        if message:
            erreurs[champ] = message
    if valeur is None and cible is None:
        erreurs["valeur"] = "Indiquez la valeur atteinte, la cible, ou les deux."
    if erreurs:
        raise ValidationError(erreurs)


@transaction.atomic
def valeur_record(
    *, indicateur: Indicateur, annee: int, valeur: Decimal | None, cible: Decimal | None, commentaire: str = "", by
) -> ValeurIndicateur:
    """Set the year's value and target (the service's page): both replace what was there."""
    _verifier(indicateur, annee, valeur, cible)
    ligne, _ = ValeurIndicateur.objects.select_for_update().update_or_create(
        indicateur=indicateur,
        annee=annee,
        defaults={"valeur": valeur, "cible": cible, "commentaire": commentaire.strip(), "saisie_par": by},
    )
    return ligne


def valeurs_du_bilan_record(*, dossier: Dossier, valeurs: dict[int, Decimal | None], by) -> None:
    """The values the porteur typed in its bilan for its action's indicators, for the programmation year.
    The target set by the service is kept; emptying a value removes it (and the year if it had no target)."""
    annee = dossier.campagne.annee
    indicateurs = {i.pk: i for i in Indicateur.objects.filter(dossier=dossier, actif=True, pk__in=valeurs)}
    for pk, valeur in valeurs.items():
        indicateur = indicateurs.get(pk)
        if indicateur is None:
            continue
        existante = ValeurIndicateur.objects.select_for_update().filter(indicateur=indicateur, annee=annee).first()
        if valeur is None:
            if existante and existante.cible is not None:
                existante.valeur, existante.saisie_par = None, by
                existante.save(update_fields=["valeur", "saisie_par"])
            elif existante:
                existante.delete()
            continue
        message = valeur_indicateur_erreur(type_indicateur=indicateur.type, valeur=valeur)
        if message:
            raise ValidationError({f"indicateur_{pk}": message})
        if existante:
            existante.valeur, existante.saisie_par = valeur, by
            existante.save(update_fields=["valeur", "saisie_par"])
        else:
            ValeurIndicateur.objects.create(indicateur=indicateur, annee=annee, valeur=valeur, saisie_par=by)
