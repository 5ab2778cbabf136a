"""The two kinds of links sent by e-mail: address confirmation (Django's reset-token machinery) and invitations."""

import datetime

from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils import timezone

from comptes.models import User
from projets.models import Invitation

INVITATION_MAX_AGE = datetime.timedelta(days=14)


class EmailConfirmationTokenGenerator(PasswordResetTokenGenerator):
    """Valid for PASSWORD_RESET_TIMEOUT (three days); dead as soon as the account is active or has logged in."""

    key_salt = "comptes.tokens.EmailConfirmationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        return f"{super()._make_hash_value(user, timestamp)}{user.is_active}"


email_confirmation_token = EmailConfirmationTokenGenerator()

_invitation_signer = signing.TimestampSigner(salt="comptes.invitation")


def invitation_token(invitation: Invitation) -> str:
    return _invitation_signer.sign(str(invitation.pk))


def invitation_is_expired(invitation: Invitation) -> bool:
    return invitation.cree_le < timezone.now() - INVITATION_MAX_AGE


def invitation_from_token(token: str) -> Invitation:
    """The pending invitation of a link, or a ValidationError saying in French why the link is no longer good."""
    try:
        pk = _invitation_signer.unsign(token, max_age=INVITATION_MAX_AGE)
    except signing.SignatureExpired:
        raise ValidationError(
            "Cette invitation a expiré : elle était valable 14 jours. Demandez à la personne qui vous l'a envoyée "
            "de vous en adresser une nouvelle.",
            code="expiree",
        ) from None
    except signing.BadSignature:
        raise ValidationError(
            "Ce lien d'invitation est incomplet ou erroné. Copiez le lien entier depuis le message reçu.",
            code="introuvable",
        ) from None
    invitation = Invitation.objects.select_related("porteur", "invite_par").filter(pk=pk).first()
    if invitation is None:
        raise ValidationError(
            "Cette invitation a été annulée. Si vous devez agir pour cette structure, demandez une nouvelle "
            "invitation à la personne qui gère ses accès.",
            code="annulee",
        )
    if invitation.acceptee_le is not None:
        raise ValidationError(
            "Cette invitation a déjà été utilisée. Connectez-vous pour accéder à votre espace.", code="utilisee"
        )
    return invitation


def user_awaits_confirmation(user) -> bool:
    """Signed up but never confirmed: inactive and never logged in. An account deactivated by staff is not."""
    return not user.is_active and user.last_login is None


def unconfirmed_user(email: str) -> User | None:
    """The account of this address still awaiting confirmation, if any (addresses compare case-insensitively)."""
    return User.objects.filter(email__iexact=email.strip(), is_active=False, last_login__isnull=True).first()
