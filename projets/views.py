from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from projets.selectors import derniere_programmation, dossiers_du_porteur, volets_avec_actions


def projets_finances(request):
    campagne = derniere_programmation()
    volets = volets_avec_actions(campagne=campagne) if campagne else []
    return render(request, "projets/projets_finances.html", {"campagne": campagne, "volets": volets})


@login_required
def espace_porteur(request):
    return render(
        request,
        "projets/espace_porteur.html",
        {"porteurs": request.user.porteurs.all(), "dossiers": dossiers_du_porteur(user=request.user)},
    )
