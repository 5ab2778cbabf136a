import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template.loader import render_to_string

from projets.selectors import campagne_ouverte, chiffres_cles, derniere_programmation


def accueil(request):
    programmation = derniere_programmation()
    return render(
        request,
        "accueil.html",
        {
            "campagne_ouverte": campagne_ouverte(),
            "programmation": programmation,
            "chiffres": chiffres_cles(campagne=programmation),
        },
    )


def trop_de_requetes(request, exception):
    """django-ratelimit's refusal: a French page with status 429, the form can be sent again later."""
    return render(request, "429.html", status=429)


# Seconds a client should wait before trying again when the database is away (a restart takes a few).
REESSAYER_APRES = 10


def erreur_serveur(request):
    """handler500: a database out of reach (restart, failover, connections exhausted) gives a French 503 page
    with Retry-After rather than the 500 page; any other error the 500 page. Neither touches the database
    (standalone templates, no context processor)."""
    erreur = sys.exc_info()[1]
    if isinstance(erreur, OperationalError | InterfaceError):
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(REESSAYER_APRES)
        return response
    return HttpResponseServerError(render_to_string("500.html"))
