"""The porteur space: dashboard, organisation profile."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from projets.forms.porteur import PorteurForm
from projets.selectors import (
    campagne_ouverte,
    dossiers_a_reconduire,
    dossiers_du_porteur,
    get_porteur_for_user,
    porteurs_de,
)
from projets.selectors_complements import demandes_complements_du_porteur
from projets.selectors_travaux import dossiers_avec_lettre
from projets.services.porteurs import porteur_create, porteur_update


@login_required
def espace_porteur(request):
    porteurs = porteurs_de(user=request.user)
    campagne = campagne_ouverte()
    return render(
        request,
        "projets/espace_porteur.html",
        {
            "porteurs": porteurs,
            "campagne": campagne,
            "dossiers": dossiers_du_porteur(user=request.user),
            "a_reconduire": dossiers_a_reconduire(user=request.user, campagne=campagne) if campagne else [],
            "complements": demandes_complements_du_porteur(user=request.user),
            "lettres": dossiers_avec_lettre(user=request.user),
        },
    )


@login_required
def structure_creer(request):
    form = PorteurForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        porteur = porteur_create(form_data=form.cleaned_data, by=request.user)
        messages.success(request, f"La structure « {porteur} » est enregistrée. Vous pouvez déposer un dossier.")
        return redirect("espace_porteur")
    return render(request, "projets/structure_form.html", {"form": form, "porteur": None})


@login_required
def structure_modifier(request, pk):
    porteur = get_porteur_for_user(user=request.user, pk=pk)
    form = PorteurForm(request.POST or None, instance=porteur)
    if request.method == "POST" and form.is_valid():
        porteur_update(porteur=porteur, form_data=form.cleaned_data)
        messages.success(request, "Les informations de la structure sont enregistrées.")
        return redirect("espace_porteur")
    return render(request, "projets/structure_form.html", {"form": form, "porteur": porteur})
