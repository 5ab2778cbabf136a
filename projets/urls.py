from django.urls import include, path

from projets.views import dossiers, espace, instruction, instruction_dossier

urlpatterns = [
    path("", include("projets.urls_public")),
    path("espace-porteur/", espace.espace_porteur, name="espace_porteur"),
    path("espace-porteur/structures/nouvelle/", espace.structure_creer, name="structure_creer"),
    path("espace-porteur/structures/<int:pk>/", espace.structure_modifier, name="structure_modifier"),
    path("espace-porteur/dossiers/nouveau/", dossiers.dossier_nouveau, name="dossier_nouveau"),
    path("espace-porteur/dossiers/<int:pk>/deposer/", dossiers.dossier_deposer, name="dossier_deposer"),
    path("espace-porteur/dossiers/<int:pk>/recepisse/", dossiers.dossier_recepisse, name="dossier_recepisse"),
    path("espace-porteur/dossiers/<int:pk>/retirer/", dossiers.dossier_retirer, name="dossier_retirer"),
    path("espace-porteur/dossiers/<int:pk>/reconduire/", dossiers.dossier_reconduire, name="dossier_reconduire"),
    path("espace-porteur/dossiers/<int:pk>/complements/", dossiers.dossier_complements, name="dossier_complements"),
    path("", include("projets.urls_echanges")),  # before the wizard steps: "messages" is no step
    path("espace-porteur/dossiers/<int:pk>/<slug:etape>/", dossiers.dossier_etape, name="dossier_etape"),
    path("espace-porteur/", include("projets.urls_fichiers")),
    path("instruction/", instruction.campagnes, name="instruction"),
    path("instruction/campagnes/<int:pk>/", instruction.file_campagne, name="file_instruction"),
    path("instruction/campagnes/<int:pk>/attribuer/", instruction.attribuer, name="file_attribuer"),
    path("instruction/mes-dossiers/", instruction.mes_dossiers, name="mes_dossiers"),
    path("instruction/", include("projets.urls_cotech")),
    path("instruction/travaux/", include("projets.urls_travaux")),
    path("instruction/dossiers/<int:pk>/", instruction_dossier.dossier, name="instruction_dossier"),
    path("instruction/dossiers/<int:pk>/referent/", instruction_dossier.referent, name="instruction_referent"),
    path(
        "instruction/dossiers/<int:pk>/lignes/<int:ligne_pk>/referent/",
        instruction_dossier.referent_ligne,
        name="instruction_referent_ligne",
    ),
    path(
        "instruction/dossiers/<int:pk>/recevabilite/",
        instruction_dossier.recevabilite,
        name="instruction_recevabilite",
    ),
    path(
        "instruction/dossiers/<int:pk>/complements/", instruction_dossier.complements, name="instruction_complements"
    ),
    path(
        "instruction/dossiers/<int:pk>/irrecevable/", instruction_dossier.irrecevable, name="instruction_irrecevable"
    ),
    path(
        "instruction/dossiers/<int:pk>/lignes/<int:ligne_pk>/avis/",
        instruction_dossier.avis_ligne,
        name="instruction_avis_ligne",
    ),
    path("instruction/dossiers/<int:pk>/analyse/", instruction_dossier.analyse, name="instruction_analyse"),
    path("instruction/dossiers/<int:pk>/proposer/", instruction_dossier.proposer, name="instruction_proposer"),
    path("instruction/dossiers/<int:pk>/reprendre/", instruction_dossier.reprendre, name="instruction_reprendre"),
]
