"""Sign-up, e-mail confirmation, invitations and the people who act for a porteur, under /compte/."""

from django.urls import path

from comptes import views

app_name = "comptes"

urlpatterns = [
    path("inscription/", views.signup, name="signup"),
    path("inscription/envoyee/", views.signup_sent, name="signup_sent"),
    path("confirmer/<uidb64>/<token>/", views.email_confirm, name="email_confirm"),
    path("confirmation/renvoyer/", views.confirmation_resend, name="confirmation_resend"),
    path("confirmation/envoyee/", views.confirmation_resent, name="confirmation_resent"),
    path("invitation/<str:token>/", views.invitation_follow, name="invitation_follow"),
    path("structures/<int:porteur_pk>/personnes/", views.porteur_personnes, name="porteur_personnes"),
    path(
        "structures/<int:porteur_pk>/invitations/<int:pk>/annuler/",
        views.invitation_cancel,
        name="invitation_cancel",
    ),
    path("structures/<int:porteur_pk>/personnes/<int:pk>/retirer/", views.membre_remove, name="membre_remove"),
    path(
        "structures/<int:porteur_pk>/personnes/<int:pk>/gestionnaire/",
        views.membre_promote,
        name="membre_promote",
    ),
]
