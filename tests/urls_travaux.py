"""The project's URLs plus the documents' jobs, for the tests, until projets/urls.py includes
projets.urls_travaux and projets/admin.py imports projets.admin_travaux (then this module can go)."""

from django.contrib import admin
from django.urls import include, path

from contratville.urls import urlpatterns as projet
from projets import admin_travaux  # noqa: F401  (registers TravailAdmin before the admin URLs are built)

urlpatterns = [
    path("instruction/travaux/", include("projets.urls_travaux")),
    path("admin/", admin.site.urls),
    *projet,
]
