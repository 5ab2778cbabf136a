"""Routes of projets/views/travaux.py (generation jobs of the COPIL's documents), under /instruction/travaux/."""

from django.urls import path

from projets.views import travaux

urlpatterns = [
    path("lancer/", travaux.lancer, name="travail_lancer"),
    path("<int:pk>/statut/", travaux.statut, name="travail_statut"),
    path("<int:pk>/telecharger/", travaux.telecharger, name="travail_telecharger"),
]
