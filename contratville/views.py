from django.shortcuts import render

from projets.selectors import campagne_ouverte, derniere_programmation


def accueil(request):
    return render(
        request,
        "accueil.html",
        {"campagne_ouverte": campagne_ouverte(), "programmation": derniere_programmation()},
    )
