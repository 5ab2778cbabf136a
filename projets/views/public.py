from django.shortcuts import render

from projets.selectors import derniere_programmation, volets_avec_actions


def projets_finances(request):
    campagne = derniere_programmation()
    volets = volets_avec_actions(campagne=campagne) if campagne else []
    return render(request, "projets/projets_finances.html", {"campagne": campagne, "volets": volets})
