"""Routes of projets/views/echanges.py: messages and private notes of a dossier.

Included before the steps of the dossier wizard, whose `dossiers/<pk>/<etape>/` would otherwise take "messages".
"""

from django.urls import path

from projets.views import echanges

urlpatterns = [
    path("espace-porteur/dossiers/<int:pk>/messages/", echanges.dossier_messages, name="dossier_messages"),
    path(
        "messages/pieces/<int:pk>/telecharger/", echanges.piece_message_telecharger, name="piece_message_telecharger"
    ),
    path("instruction/dossiers/<int:pk>/messages/", echanges.instruction_message, name="instruction_message"),
    path("instruction/dossiers/<int:pk>/notes/", echanges.instruction_note, name="instruction_note"),
]
