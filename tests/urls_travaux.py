"""The project's URLs plus the documents' jobs, for the tests, until projets/urls.py includes
projets.urls_travaux and projets/admin.py imports projets.admin_travaux (then this module can go)."""

import importlib

from django.contrib import admin
from django.urls import include, path

from contratville.urls import urlpatterns as projet
from projets.models import Travail

# Register TravailAdmin just long enough to build its admin URLs; unless the project registers it already, take it
# out again, so that the registry stays what the project's own URLs serve (test_admin_pages walks it).
deja_inscrit = admin.site.is_registered(Travail)
importlib.import_module("projets.admin_travaux")
urlpatterns = [
    path("instruction/travaux/", include("projets.urls_travaux")),
    path("admin/", admin.site.urls),
    *projet,
]
if not deja_inscrit:
    admin.site.unregister(Travail)
