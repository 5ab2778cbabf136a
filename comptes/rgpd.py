"""Personal data (RGPD): everything held about a person, as JSON, and the erasure that anonymises the person
while keeping the financial and legal records (dossiers, decisions, payments stay, signed by "Personne
anonymisée")."""

import datetime
import decimal
import uuid

from django.apps import apps
from django.db import models, transaction
from django.utils import timezone

from comptes.models import User

ANONYME = "Personne anonymisée"
# Fields never exported: secrets, and what the person did not give (internal bookkeeping).
NON_EXPORTES = {"password", "version", "saisies_en_attente"}


def _valeur(valeur):
    if isinstance(valeur, datetime.datetime | datetime.date):
        return valeur.isoformat()
    if isinstance(valeur, decimal.Decimal | uuid.UUID):
        return str(valeur)
    if isinstance(valeur, models.Model):
        return str(valeur)
    if isinstance(valeur, models.fields.files.FieldFile):
        return valeur.name or ""
    return valeur


def _fiche(objet: models.Model) -> dict:
    return {
        str(field.verbose_name): _valeur(getattr(objet, field.name))
        for field in objet._meta.concrete_fields
        if field.name not in NON_EXPORTES and not field.primary_key
    }


def _liens_vers_les_comptes():
    """Every (model, field) pointing to a user account, historical copies apart (they are counted, not listed)."""
    for model in apps.get_models():
        if model._meta.label.split(".")[1].startswith("Historical"):
            continue
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is User:
                yield model, field


def donnees_personnelles(*, user: User) -> dict:
    """What the application holds about this person: the account, then every record that names it, by kind."""
    export = {"compte": _fiche(user), "exporte_le": timezone.now().isoformat()}
    for model, field in _liens_vers_les_comptes():
        objets = model._default_manager.filter(**{field.name: user})
        if objets.exists():
            cle = f"{model._meta.verbose_name_plural} ({field.verbose_name})"
            export[cle] = [_fiche(objet) for objet in objets]
    historiques = {}
    for model in apps.get_models():
        if model.__name__.startswith("Historical") and hasattr(model, "history_user"):
            nombre = model.objects.filter(history_user=user).count()
            if nombre:
                historiques[str(model._meta.verbose_name_plural)] = nombre
    export["modifications enregistrées dans l'historique"] = historiques
    return export


@transaction.atomic
def anonymiser(*, user: User) -> User:
    """Erase the person: names, address and login go; access to the structures goes; records stay."""
    from projets.models import Invitation, PorteurMembre

    ancien_email = user.email
    anonyme = f"anonyme-{user.pk}@invalid.invalid"
    champs = {"first_name": ANONYME, "last_name": "", "email": anonyme, "username": anonyme, "organisation": ""}
    User.objects.filter(pk=user.pk).update(is_active=False, **champs)
    user.history.model.objects.filter(id=user.pk).update(**champs)  # the account's own past versions
    user.refresh_from_db()
    user.set_unusable_password()
    user.save(update_fields=["password"])
    PorteurMembre.objects.filter(user=user).delete()
    Invitation.objects.filter(email__iexact=ancien_email).update(email=anonyme)
    _anonymiser_ailleurs(ancien_email, anonyme, user)
    return user


def _anonymiser_ailleurs(ancien_email: str, anonyme: str, user: User) -> None:
    """Other places that keep the address or the name typed by hand: failed logins, FPH requests, seats."""
    from axes.models import AccessAttempt, AccessLog

    from conseil_citoyen.models import DemandeFPH, Membre
    from projets.models import MembreInstance

    AccessAttempt.objects.filter(username__iexact=ancien_email).delete()
    AccessLog.objects.filter(username__iexact=ancien_email).update(username=anonyme)
    DemandeFPH.objects.filter(email__iexact=ancien_email).update(email=anonyme)
    Membre.objects.filter(user=user).update(nom=ANONYME, prenom="", user=None)
    MembreInstance.objects.filter(user=user).update(nom=ANONYME, user=None)
