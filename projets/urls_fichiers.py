"""Routes of projets/views/fichiers.py, under /espace-porteur/."""

urlpatterns = []
