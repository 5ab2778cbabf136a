from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from projets.selectors import dossiers_du_porteur


@login_required
def espace_porteur(request):
    return render(
        request,
        "projets/espace_porteur.html",
        {"porteurs": request.user.porteurs.all(), "dossiers": dossiers_du_porteur(user=request.user)},
    )
