"""Sign-up, login, confirmation and invitation forms: shape only, French errors next to their field."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError

from comptes.models import User
from comptes.tokens import unconfirmed_user

EMAIL_ERRORS = {
    "required": "Indiquez une adresse électronique.",
    "invalid": "Cette adresse électronique n'est pas valide : elle s'écrit comme nom@exemple.fr.",
}


def _helper(bouton: str) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = True
    helper.attrs = {"novalidate": ""}
    helper.add_input(Submit("submit", bouton))
    return helper


class SignupForm(forms.Form):
    first_name = forms.CharField(
        label="Prénom",
        max_length=150,
        error_messages={"required": "Indiquez votre prénom."},
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label="Nom",
        max_length=150,
        error_messages={"required": "Indiquez votre nom."},
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    email = forms.EmailField(
        label="Adresse électronique",
        max_length=254,
        error_messages=EMAIL_ERRORS,
        help_text="Nous vous y enverrons un lien pour confirmer votre inscription.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    # Kept on error (render_value) unless the password itself is refused: nothing typed is lost for nothing.
    password1 = forms.CharField(
        label="Mot de passe",
        strip=False,
        error_messages={"required": "Choisissez un mot de passe."},
        help_text="Au moins 12 caractères. Évitez les mots de passe courants, les suites de chiffres et ceux qui "
        "ressemblent à votre nom ou à votre adresse.",
        widget=forms.PasswordInput(render_value=True, attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label="Confirmation du mot de passe",
        strip=False,
        error_messages={"required": "Saisissez le mot de passe une seconde fois."},
        widget=forms.PasswordInput(render_value=True, attrs={"autocomplete": "new-password"}),
    )
    invitation = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("Créer mon compte")

    def clean(self):
        cleaned_data = super().clean()
        password1, password2 = cleaned_data.get("password1"), cleaned_data.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error(
                "password2", "Les deux mots de passe ne sont pas identiques : saisissez le même dans les deux champs."
            )
        elif password1:
            candidate = User(
                email=cleaned_data.get("email", ""),
                first_name=cleaned_data.get("first_name", ""),
                last_name=cleaned_data.get("last_name", ""),
            )
            try:
                password_validation.validate_password(password1, candidate)
            except ValidationError as error:
                self.add_error("password1", error)
        if self.has_error("password1") or self.has_error("password2"):
            # A refused password is typed again, so it is not sent back into the page.
            self.data = self.data.copy()
            self.data.pop("password1", None)
            self.data.pop("password2", None)
        return cleaned_data


class ResendConfirmationForm(forms.Form):
    email = forms.EmailField(
        label="Adresse électronique",
        max_length=254,
        error_messages=EMAIL_ERRORS,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("Recevoir un nouveau lien")


class LoginForm(AuthenticationForm):
    """Addresses match whatever their case; an unconfirmed account is told to confirm its address first."""

    error_messages = {
        "invalid_login": "Adresse électronique ou mot de passe incorrect. Vérifiez votre saisie ; les majuscules "
        "comptent dans le mot de passe.",
        "inactive": "Votre adresse électronique n'est pas encore confirmée.",
        "unconfirmed": "Votre adresse électronique n'est pas encore confirmée : suivez le lien du message reçu à "
        "l'inscription, ou demandez un nouveau lien.",
    }
    compte_non_confirme = False

    def clean_username(self):
        email = self.cleaned_data["username"].strip()
        stored = list(User.objects.filter(email__iexact=email).values_list("email", flat=True)[:2])
        return stored[0] if len(stored) == 1 else email

    def clean(self):
        try:
            return super().clean()
        except ValidationError:
            # Only someone who knows the password learns that the account awaits confirmation.
            user = unconfirmed_user(self.cleaned_data.get("username") or "")
            if user is not None and user.check_password(self.cleaned_data.get("password") or ""):
                self.compte_non_confirme = True
                raise ValidationError(self.error_messages["unconfirmed"], code="unconfirmed") from None
            raise


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label="Adresse électronique de la personne à inviter",
        max_length=254,
        error_messages=EMAIL_ERRORS,
        help_text="Elle recevra un lien valable 14 jours pour créer son compte ou se connecter.",
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("Envoyer l'invitation")
