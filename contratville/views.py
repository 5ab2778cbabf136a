from django.shortcuts import render

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
