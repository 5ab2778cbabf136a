"""Sign-up, address confirmation, invitations and the people who act for a porteur."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from comptes import conservation, services
from comptes.forms import InvitationForm, LoginForm, ResendConfirmationForm, SignupForm
from comptes.roles import accueil_du_role
from comptes.tokens import INVITATION_MAX_AGE, invitation_from_token
from contratville import limites
from contratville.formatting import de
from projets.models import PorteurMembre
from projets.selectors import get_porteur_for_user

# Accounts signed in right after confirming their address: several backends are configured (django-axes first).
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
INVITATION_ERROR_STATUS = {"introuvable": 404, "autre_adresse": 403}  # otherwise 410: expired, cancelled, used


# Set at login, removed at logout: an anonymous browser that still has it lost its session (expiry, not logout).
COOKIE_SESSION_OUVERTE = "session_ouverte"


class Connexion(auth_views.LoginView):
    """The login page: each role lands on its own home unless `next` says where to go; explains an expiry."""

    authentication_form = LoginForm

    def get_default_redirect_url(self):
        return accueil_du_role(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        request = self.request
        context["session_expiree"] = request.method == "GET" and (
            request.GET.get("expiree") == "1"
            or (bool(context.get("next")) and request.COOKIES.get(COOKIE_SESSION_OUVERTE) == "1")
        )
        return context

    def form_valid(self, form):
        response = super().form_valid(form)
        # Outlives the session cookie (SESSION_COOKIE_AGE) so that its expiry can be told from a first visit.
        response.set_cookie(
            COOKIE_SESSION_OUVERTE,
            "1",
            max_age=settings.SESSION_COOKIE_AGE + 30 * 24 * 3600,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
        return response


class Deconnexion(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        response.delete_cookie(COOKIE_SESSION_OUVERTE, samesite="Lax")
        return response


def _base_url(request) -> str:
    return f"{request.scheme}://{request.get_host()}"


def _pending_invitation(token: str):
    try:
        return invitation_from_token(token) if token else None
    except ValidationError:
        return None


@limites.par_adresse
def signup(request):
    if request.user.is_authenticated:
        return redirect("espace_porteur")
    token = request.POST.get("invitation") or request.GET.get("invitation", "")
    invitation = _pending_invitation(token)
    initial = {"invitation": token, "email": invitation.email} if invitation else {}
    form = SignupForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.user_signup(
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                password=data["password1"],
                base_url=_base_url(request),
                invitation=invitation,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if user is None or not user.is_active:
                return redirect("comptes:signup_sent")
            login(request, user, backend=MODEL_BACKEND)
            messages.success(request, f"Votre compte est créé : vous pouvez agir pour {invitation.porteur}.")
            return redirect("espace_porteur")
    return render(request, "comptes/inscription.html", {"form": form, "invitation": invitation})


def signup_sent(request):
    return render(request, "comptes/inscription_envoyee.html")


def email_confirm(request, uidb64, token):
    user = services.user_confirm_email(uidb64=uidb64, token=token)
    if user is None:
        return render(request, "comptes/confirmation_invalide.html", status=400)
    login(request, user, backend=MODEL_BACKEND)
    messages.success(request, "Votre adresse électronique est confirmée : bienvenue dans votre espace.")
    return redirect("espace_porteur")


@limites.par_adresse
def confirmation_resend(request):
    form = ResendConfirmationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.user_resend_confirmation(email=form.cleaned_data["email"], base_url=_base_url(request))
        return redirect("comptes:confirmation_resent")
    return render(request, "comptes/renvoyer_confirmation.html", {"form": form})


def confirmation_resent(request):
    return render(request, "comptes/confirmation_envoyee.html")


def invitation_follow(request, token):
    """Anonymous: choose to sign up or log in (then come back). Logged in with the invited address: join."""
    try:
        invitation = invitation_from_token(token)
        if not request.user.is_authenticated:
            return render(request, "comptes/invitation.html", {"invitation": invitation, "token": token})
        services.invitation_accept(invitation=invitation, user=request.user)
    except ValidationError as error:
        status = INVITATION_ERROR_STATUS.get(error.code, 410)
        return render(request, "comptes/invitation_invalide.html", {"erreur": error.message}, status=status)
    messages.success(request, f"Vous pouvez maintenant agir pour {invitation.porteur}.")
    return redirect("espace_porteur")


@login_required
@limites.par_compte
def porteur_personnes(request, porteur_pk):
    """Who acts for the porteur; its gestionnaires also invite (POST), others only read (and get 404 on POST)."""
    porteur = get_porteur_for_user(user=request.user, pk=porteur_pk, gestionnaire=request.method == "POST")
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        try:
            services.invitation_create(porteur=porteur, email=email, by=request.user, base_url=_base_url(request))
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(request, f"L'invitation a été envoyée à {email}.")
            return redirect("comptes:porteur_personnes", porteur_pk=porteur.pk)
    membres = list(porteur.membres.select_related("user").order_by("-est_gestionnaire", "user__last_name", "pk"))
    context = {
        "porteur": porteur,
        "form": form,
        "membres": membres,
        "nombre_gestionnaires": sum(m.est_gestionnaire for m in membres),
        "est_gestionnaire": any(m.user_id == request.user.pk and m.est_gestionnaire for m in membres),
        "invitations": porteur.invitations.filter(acceptee_le__isnull=True)
        .select_related("invite_par")
        .order_by("cree_le", "pk"),
        "expiration": timezone.now() - INVITATION_MAX_AGE,
    }
    return render(request, "comptes/porteur_personnes.html", context)


@login_required
@require_POST
def invitation_cancel(request, porteur_pk, pk):
    porteur = get_porteur_for_user(user=request.user, pk=porteur_pk, gestionnaire=True)
    invitation = get_object_or_404(porteur.invitations, acceptee_le__isnull=True, pk=pk)
    services.invitation_cancel(invitation=invitation, by=request.user)
    messages.success(request, f"L'invitation envoyée à {invitation.email} est annulée : son lien ne fonctionne plus.")
    return redirect("comptes:porteur_personnes", porteur_pk=porteur.pk)


@login_required
@require_POST
def membre_remove(request, porteur_pk, pk):
    porteur = get_porteur_for_user(user=request.user, pk=porteur_pk, gestionnaire=True)
    membre = get_object_or_404(PorteurMembre.objects.select_related("user"), porteur=porteur, pk=pk)
    try:
        services.porteur_membre_remove(membre=membre, by=request.user)
    except ValidationError as error:
        messages.error(request, error.message)
        return redirect("comptes:porteur_personnes", porteur_pk=porteur.pk)
    messages.success(request, f"{membre.user} ne peut plus agir pour {porteur}.")
    if membre.user_id == request.user.pk:  # removed themselves: the page is no longer theirs
        return redirect("espace_porteur")
    return redirect("comptes:porteur_personnes", porteur_pk=porteur.pk)


@login_required
@require_POST
def membre_promote(request, porteur_pk, pk):
    porteur = get_porteur_for_user(user=request.user, pk=porteur_pk, gestionnaire=True)
    membre = get_object_or_404(PorteurMembre.objects.select_related("user"), porteur=porteur, pk=pk)
    services.porteur_membre_promote(membre=membre, by=request.user)
    messages.success(request, f"{membre.user} gère maintenant les accès {de(porteur)}, comme vous.")
    return redirect("comptes:porteur_personnes", porteur_pk=porteur.pk)


def donnees_personnelles(request):
    """Public page: what is processed, why, and for how long (the periods the retention command applies)."""
    return render(request, "comptes/donnees_personnelles.html", {"durees": conservation.durees()})
