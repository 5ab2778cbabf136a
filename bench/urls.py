"""The application's URLs plus one bare view: a static template rendered by Django through the same middleware,
the reference each page's requests per second are divided by."""

from django.http import HttpResponse
from django.template import engines
from django.urls import include, path

GABARIT = engines["django"].from_string(
    """<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Référence</title></head>
<body><main><h1>Page statique</h1>
<p>Une page sans base de données, rendue par un gabarit Django : la référence des mesures.</p>
</main></body></html>"""
)


def vide(request):
    return HttpResponse(GABARIT.render({}, request))


urlpatterns = [path("bench/reference/", vide), path("", include("contratville.urls"))]
