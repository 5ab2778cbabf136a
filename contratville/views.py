import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

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


# Pages whose input the browser keeps on the device while the session is away (static/js/dossier.js).
PAGES_AVEC_COPIE_LOCALE = {"dossier_etape"}


def csrf_refuse(request, reason=""):
    """CSRF_FAILURE_VIEW: usually a session lost while a form was open. A French page that says what happened,
    whether what was typed is kept, and how to go on (instead of Django's page, partly in English)."""
    try:
        page = resolve(request.path_info).url_name
    except Resolver404:
        page = None
    copie_locale = page in PAGES_AVEC_COPIE_LOCALE
    # Where to go on: the wizard step itself, else the page the form was on (the POST URL may refuse a GET).
    reprendre = request.path if copie_locale else request.headers.get("Referer", "")
    if not url_has_allowed_host_and_scheme(reprendre, allowed_hosts={request.get_host()}) or page == "login":
        reprendre = ""
    parametres = {"next": reprendre, "expiree": "1"} if reprendre else {"expiree": "1"}
    reconnexion = reprendre if request.user.is_authenticated else f"{reverse('login')}?{urlencode(parametres)}"
    context = {"copie_locale": copie_locale, "reconnexion": reconnexion}
    return render(request, "403_csrf.html", context, status=403)
