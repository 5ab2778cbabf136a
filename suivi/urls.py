from django.urls import path

from suivi.views import actions, imports, indicateurs, porteur, rapports, staff

urlpatterns = [
    path("suivi/", staff.tableau_de_bord, name="suivi_tableau_de_bord"),
    path("espace-porteur/suivi/", porteur.mes_actions, name="suivi_mes_actions"),
    path("espace-porteur/suivi/dossiers/<int:pk>/bilan/", porteur.bilan, name="suivi_bilan"),
    path(
        "espace-porteur/suivi/dossiers/<int:pk>/convention/", porteur.convention_pdf, name="suivi_convention_porteur"
    ),
    path("suivi/conventions/", staff.conventions, name="suivi_conventions"),
    path("suivi/conventions/nouvelle/<int:dossier_pk>/", staff.convention_creer, name="suivi_convention_creer"),
    path("suivi/conventions/<int:pk>/", staff.convention, name="suivi_convention"),
    path("suivi/conventions/<int:pk>/pdf/", staff.convention_telecharger, name="suivi_convention_pdf"),
    path("suivi/versements/", staff.versements, name="suivi_versements"),
    path("suivi/bilans/", staff.bilans, name="suivi_bilans"),
    path("suivi/bilans/<int:pk>/", staff.bilan, name="suivi_bilan_examen"),
    path("suivi/bilans/copil/", actions.bilans_copil, name="suivi_bilans_copil"),
    path("suivi/actions/<int:pk>/", actions.action, name="suivi_action"),
    path("suivi/dossiers/<int:pk>/comparaison/", staff.comparaison, name="suivi_comparaison"),
    path("suivi/indicateurs/", indicateurs.indicateurs, name="suivi_indicateurs"),
    path("suivi/indicateurs/<int:pk>/", indicateurs.indicateur, name="suivi_indicateur"),
    path("suivi/rapports/", rapports.rapports, name="suivi_rapports"),
    path("suivi/import/", imports.importer, name="suivi_import"),
    path("suivi/rapports/<int:pk>/telecharger/", rapports.rapport_telecharger, name="suivi_rapport_telecharger"),
]
