"""Routes of projets/views/fichiers.py, under /espace-porteur/."""

from django.urls import path

from projets.views import fichiers

urlpatterns = [
    path("structures/<int:porteur_pk>/documents/", fichiers.documents_porteur, name="documents_porteur"),
    path(
        "documents/<int:pk>/telecharger/", fichiers.document_porteur_telecharger, name="document_porteur_telecharger"
    ),
    path("pieces/<int:pk>/telecharger/", fichiers.piece_jointe_telecharger, name="piece_jointe_telecharger"),
    path("dossiers/<int:dossier_pk>/pieces/ajouter/", fichiers.piece_jointe_ajouter, name="piece_jointe_ajouter"),
    path("pieces/<int:pk>/supprimer/", fichiers.piece_jointe_supprimer, name="piece_jointe_supprimer"),
    path(
        "lettres-de-decision/<int:dossier_pk>/",
        fichiers.lettre_decision_telecharger,
        name="lettre_decision_telecharger",
    ),
]
