from django.urls import include, path

from projets.views import espace, public

urlpatterns = [
    path("projets-finances/", public.projets_finances, name="projets_finances"),
    path("espace-porteur/", espace.espace_porteur, name="espace_porteur"),
    path("espace-porteur/", include("projets.urls_fichiers")),
]
