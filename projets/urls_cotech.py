"""The COTECH pages, under /instruction/ (see projets/views/cotech.py)."""

from django.urls import path

from projets.views import cotech

urlpatterns = [
    path("campagnes/<int:pk>/cotech/", cotech.seances, name="cotech_seances"),
    path("campagnes/<int:pk>/cotech/nouvelle/", cotech.seance_creer, name="cotech_seance_creer"),
    path("cotech/<int:pk>/", cotech.seance, name="cotech_seance"),
    path("cotech/<int:pk>/modifier/", cotech.seance_modifier, name="cotech_seance_modifier"),
    path("cotech/<int:pk>/dossiers/", cotech.seance_ajouter_dossiers, name="cotech_seance_dossiers"),
    path("cotech/<int:pk>/avis/", cotech.seance_enregistrer_avis, name="cotech_seance_avis"),
    path("cotech/<int:pk>/dossiers/<int:examen_pk>/retirer/", cotech.examen_retirer, name="cotech_examen_retirer"),
]
