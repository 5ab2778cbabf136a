"""The public site: pages anyone may read, open data files and the read-only API."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from projets.sitemaps import SITEMAPS
from projets.views import opendata, public

urlpatterns = [
    path("projets-finances/", public.projets_finances, name="projets_finances"),
    path("projets-finances/repartition/", public.repartition, name="repartition_publique"),
    path("projets-finances/actions/<int:pk>/", public.projet, name="projet_public"),
    path("projets-finances/structures/<int:pk>/", public.porteur, name="porteur_public"),
    path("appel-a-projets/", public.appel_a_projets, name="appel_a_projets"),
    path("mentions-legales/", public.mentions_legales, name="mentions_legales"),
    path("donnees/", opendata.donnees_ouvertes, name="donnees_ouvertes"),
    path("donnees/subventions.csv", opendata.subventions_csv, name="subventions_csv"),
    path("donnees/subventions.json", opendata.subventions_json, name="subventions_json"),
    path("donnees/schema-scdl-subventions.json", opendata.schema_scdl, name="schema_scdl"),
    path("api/v1/openapi.json", opendata.openapi, name="openapi_public"),
    path("api/v1/projets", opendata.api_projets, name="api_projets"),
    path("api/v1/projets/<int:pk>", opendata.api_projet, name="api_projet"),
    path("api/v1/structures/<int:pk>", opendata.api_porteur, name="api_porteur"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]
