from django.urls import include, path

from projets.views import dossiers, espace, instruction, public

urlpatterns = [
    path("projets-finances/", public.projets_finances, name="projets_finances"),
    path("espace-porteur/", espace.espace_porteur, name="espace_porteur"),
    path("espace-porteur/structures/nouvelle/", espace.structure_creer, name="structure_creer"),
    path("espace-porteur/structures/<int:pk>/", espace.structure_modifier, name="structure_modifier"),
    path("espace-porteur/dossiers/nouveau/", dossiers.dossier_nouveau, name="dossier_nouveau"),
    path("espace-porteur/dossiers/<int:pk>/deposer/", dossiers.dossier_deposer, name="dossier_deposer"),
    path("espace-porteur/dossiers/<int:pk>/recepisse/", dossiers.dossier_recepisse, name="dossier_recepisse"),
    path("espace-porteur/dossiers/<int:pk>/retirer/", dossiers.dossier_retirer, name="dossier_retirer"),
    path("espace-porteur/dossiers/<int:pk>/reconduire/", dossiers.dossier_reconduire, name="dossier_reconduire"),
    path("espace-porteur/dossiers/<int:pk>/<slug:etape>/", dossiers.dossier_etape, name="dossier_etape"),
    path("espace-porteur/", include("projets.urls_fichiers")),
    path("instruction/", instruction.campagnes, name="instruction"),
    path("instruction/campagnes/<int:pk>/", instruction.file_campagne, name="file_instruction"),
]
