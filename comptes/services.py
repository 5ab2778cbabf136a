"""Writes on accounts: sign-up and address confirmation, invitations, the people who act for a porteur.

Mails are rendered inside the transaction (a template error fails the request) and sent once it is committed;
a failing mail server is logged and does not undo the write (people can ask for the mail again).
"""

import logging

from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from comptes.models import User
from comptes.roles import Role
from comptes.tokens import (
    INVITATION_MAX_AGE,
    email_confirmation_token,
    invitation_is_expired,
    invitation_token,
    unconfirmed_user,
    user_awaits_confirmation,
)
from projets.models import Invitation, Porteur, PorteurMembre

logger = logging.getLogger(__name__)


def _queue_mail(*, to: str, subject: str, template: str, context: dict) -> None:
    message = EmailMessage(subject=subject, body=render_to_string(template, context), to=[to])
    transaction.on_commit(message.send, robust=True)


def _uid(user: User) -> str:
    return urlsafe_base64_encode(force_bytes(user.pk))


# Sign-up and confirmation of the address.


@transaction.atomic
def user_signup(
    *, first_name: str, last_name: str, email: str, password: str, base_url: str, invitation: Invitation | None = None
) -> User | None:
    """Create an inactive porteur account and mail it the confirmation link; return it.

    An address that already has an account is never revealed: the caller shows the same page, and that address
    gets a mail instead (how to reset the password, or the confirmation link again); None is returned.
    Signing up from an invitation sent to this very address activates the account at once (the invitation mail
    proved the address) and makes it a member of the porteur.
    """
    email = User.objects.normalize_email(email.strip())
    existing = User.objects.filter(email__iexact=email).first()
    if existing is None:
        invited = invitation is not None and invitation.email.lower() == email.lower()
        try:
            with transaction.atomic():
                user = User.objects.create_user(
                    email=email, password=password, first_name=first_name, last_name=last_name, is_active=invited
                )
        except IntegrityError:  # the same form sent twice at once (a double click)
            existing = User.objects.get(email=email)
        else:
            user.groups.add(Group.objects.get_or_create(name=Role.PORTEUR)[0])
            if invited:
                invitation_accept(invitation=invitation, user=user)
            else:
                user_send_confirmation(user=user, base_url=base_url)
            return user
    _mail_existing_account(user=existing, base_url=base_url)
    return None


def _mail_existing_account(*, user: User, base_url: str) -> None:
    if user_awaits_confirmation(user):
        user_send_confirmation(user=user, base_url=base_url, again=True)
    elif user.is_active:
        lien = base_url + reverse(
            "password_reset_confirm", kwargs={"uidb64": _uid(user), "token": default_token_generator.make_token(user)}
        )
        _queue_mail(
            to=user.email,
            subject="Contrat de ville : vous avez déjà un compte",
            template="comptes/emails/compte_existant.txt",
            context={"user": user, "lien": lien, "lien_connexion": base_url + reverse("login")},
        )
    else:
        logger.info("Inscription refusée sans message : le compte %s a été désactivé.", user.pk)


def user_send_confirmation(*, user: User, base_url: str, again: bool = False) -> None:
    """Mail the link that confirms the address (valid three days, until used)."""
    lien = base_url + reverse(
        "comptes:email_confirm",
        kwargs={"uidb64": _uid(user), "token": email_confirmation_token.make_token(user)},
    )
    _queue_mail(
        to=user.email,
        subject="Contrat de ville : confirmez votre adresse électronique",
        template="comptes/emails/confirmation.txt",
        context={"user": user, "lien": lien, "deja_inscrit": again},
    )


def user_resend_confirmation(*, email: str, base_url: str) -> None:
    """Mail a new confirmation link if this address has an account awaiting it; otherwise do nothing, silently."""
    user = unconfirmed_user(email)
    if user is not None:
        user_send_confirmation(user=user, base_url=base_url)


@transaction.atomic
def user_confirm_email(*, uidb64: str, token: str) -> User | None:
    """Activate the account of a confirmation link; None if the link is wrong, expired or already used."""
    try:
        user = User.objects.select_for_update().get(pk=force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError, ValidationError, User.DoesNotExist):
        return None
    if not user_awaits_confirmation(user) or not email_confirmation_token.check_token(user, token):
        return None
    user.is_active = True
    user.save(update_fields=["is_active"])
    return user


# The people who act for a porteur.


def _ensure_gestionnaire(*, porteur: Porteur | int, by: User) -> None:
    if not PorteurMembre.objects.filter(porteur=porteur, user=by, est_gestionnaire=True).exists():
        raise PermissionDenied("Seules les personnes qui gèrent les accès de la structure peuvent faire cela.")


@transaction.atomic
def porteur_membre_add(*, porteur: Porteur, user: User, gestionnaire: bool) -> PorteurMembre:
    """Let `user` act for `porteur`. The first user of a new porteur is added with gestionnaire=True.

    Idempotent: an existing member keeps their membership, and becomes gestionnaire if asked (never the reverse).
    """
    membre, created = PorteurMembre.objects.get_or_create(
        porteur=porteur, user=user, defaults={"est_gestionnaire": gestionnaire}
    )
    if not created and gestionnaire and not membre.est_gestionnaire:
        membre.est_gestionnaire = True
        membre.save(update_fields=["est_gestionnaire"])
    user.groups.add(Group.objects.get_or_create(name=Role.PORTEUR)[0])
    return membre


@transaction.atomic
def porteur_membre_promote(*, membre: PorteurMembre, by: User) -> PorteurMembre:
    """Make a member gestionnaire: they may then invite and remove people too."""
    _ensure_gestionnaire(porteur=membre.porteur_id, by=by)
    membre.est_gestionnaire = True
    membre.save(update_fields=["est_gestionnaire"])
    return membre


@transaction.atomic
def porteur_membre_remove(*, membre: PorteurMembre, by: User) -> None:
    """Stop a member acting for the porteur; the last gestionnaire stays, or nobody could manage the accesses."""
    _ensure_gestionnaire(porteur=membre.porteur_id, by=by)
    # Locked: two gestionnaires removing each other at the same time must not both succeed.
    gestionnaires = list(
        PorteurMembre.objects.select_for_update()
        .filter(porteur_id=membre.porteur_id, est_gestionnaire=True)
        .values_list("pk", flat=True)
    )
    if gestionnaires == [membre.pk]:
        raise ValidationError(
            "Cette personne est la seule à gérer les accès de la structure : donnez d'abord la gestion des accès "
            "à une autre personne, puis retirez-la.",
            code="dernier_gestionnaire",
        )
    membre.delete()


# Invitations.


@transaction.atomic
def invitation_create(*, porteur: Porteur, email: str, by: User, base_url: str) -> Invitation:
    """Invite a colleague to act for the porteur: an Invitation and a mail with a link valid 14 days."""
    _ensure_gestionnaire(porteur=porteur, by=by)
    email = User.objects.normalize_email(email.strip())
    if porteur.membres.filter(user__email__iexact=email).exists():
        raise ValidationError("Cette personne peut déjà agir pour la structure.", code="deja_membre")
    en_attente = porteur.invitations.filter(email__iexact=email, acceptee_le__isnull=True).first()
    if en_attente is not None:
        if not invitation_is_expired(en_attente):
            raise ValidationError(
                "Une invitation est déjà en attente pour cette adresse. Pour en envoyer une nouvelle, annulez "
                "d'abord celle-ci dans la liste des invitations.",
                code="deja_invitee",
            )
        en_attente.delete()  # expired: replaced by the new one
    try:
        with transaction.atomic():
            invitation = Invitation.objects.create(porteur=porteur, email=email, invite_par=by)
    except IntegrityError:  # the same invitation sent twice at once
        raise ValidationError("Une invitation est déjà en attente pour cette adresse.", code="deja_invitee") from None
    _queue_mail(
        to=email,
        subject=f"Contrat de ville : invitation à agir pour {porteur.raison_sociale}",
        template="comptes/emails/invitation.txt",
        context={
            "invitation": invitation,
            "porteur": porteur,
            "invite_par": by,
            "jours": INVITATION_MAX_AGE.days,
            "lien": base_url + reverse("comptes:invitation_follow", kwargs={"token": invitation_token(invitation)}),
        },
    )
    return invitation


@transaction.atomic
def invitation_cancel(*, invitation: Invitation, by: User) -> None:
    """Withdraw a pending invitation: its link stops working."""
    _ensure_gestionnaire(porteur=invitation.porteur_id, by=by)
    if invitation.acceptee_le is not None:
        raise ValidationError(
            "Cette invitation a déjà été acceptée : elle ne peut plus être annulée.", code="acceptee"
        )
    invitation.delete()


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> PorteurMembre:
    """The invited person, logged in with the invited address, joins the porteur (not as gestionnaire)."""
    invitation = Invitation.objects.select_for_update().select_related("porteur").get(pk=invitation.pk)
    if invitation.acceptee_le is not None:
        raise ValidationError("Cette invitation a déjà été utilisée.", code="utilisee")
    if invitation.email.lower() != user.email.lower():
        raise ValidationError(
            f"Cette invitation a été envoyée à une autre adresse que celle de votre compte ({user.email}). "
            "Déconnectez-vous, puis connectez-vous ou créez un compte avec l'adresse qui a reçu l'invitation.",
            code="autre_adresse",
        )
    invitation.acceptee_le = timezone.now()
    invitation.save(update_fields=["acceptee_le"])
    return porteur_membre_add(porteur=invitation.porteur, user=user, gestionnaire=False)
