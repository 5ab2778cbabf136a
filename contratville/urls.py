from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import TemplateView

from comptes import views as comptes_views
from contratville import limites, views

admin.site.site_header = "Contrat de ville – administration"
admin.site.site_title = "Contrat de ville"
admin.site.index_title = "Gestion de l'appel à projets"

# A database out of reach gives a French 503 page with Retry-After, any other error the 500 page.
handler500 = "contratville.views.erreur_serveur"

urlpatterns = [
    path("", views.accueil, name="accueil"),
    path("", include("projets.urls")),
    path("", include("conseil_citoyen.urls")),
    path("", include("suivi.urls")),
    path("compte/connexion/", comptes_views.Connexion.as_view(), name="login"),
    path("compte/deconnexion/", comptes_views.Deconnexion.as_view(), name="logout"),
    path("compte/mot-de-passe/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("compte/mot-de-passe/modifie/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path(
        "compte/mot-de-passe-oublie/",
        limites.reinitialisation(auth_views.PasswordResetView.as_view()),
        name="password_reset",
    ),
    path("compte/mot-de-passe-oublie/envoye/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "compte/reinitialisation/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "compte/reinitialisation/terminee/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("compte/", include("comptes.urls")),
    path("donnees-personnelles/", comptes_views.donnees_personnelles, name="donnees_personnelles"),
    path("admin/", admin.site.urls),
    # Private spaces stay out of search engines; the public pages are listed in the sitemap.
    path("robots.txt", TemplateView.as_view(template_name="robots.txt", content_type="text/plain"), name="robots"),
]
