"""Public pages of the conseil citoyen: its role, members who agreed to be named, adopted avis, FPH decisions,
and the residents' form to ask the FPH."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from conseil_citoyen.forms import DemandeFPHForm
from conseil_citoyen.models import ConseilCitoyen
from conseil_citoyen.selectors import avis_publics, decisions_fph_publiques, membres_publics
from conseil_citoyen.services import fph
from contratville import limites


def conseil(request, pk):
    objet = get_object_or_404(ConseilCitoyen.objects.select_related("quartier", "contrat"), pk=pk)
    fonds = fph.fonds_ouvert(conseil=objet)
    context = {
        "conseil": objet,
        "membres": membres_publics(conseil=objet),
        "avis": avis_publics(conseil=objet),
        "decisions": decisions_fph_publiques(conseil=objet),
        "fonds": fonds,
        "solde": fph.fonds_solde(fonds) if fonds else None,
    }
    return render(request, "conseil_citoyen/conseil.html", context)


@limites.par_adresse
def demande_fph(request, pk):
    objet = get_object_or_404(ConseilCitoyen, pk=pk)
    fonds = fph.fonds_ouvert(conseil=objet)
    form = DemandeFPHForm(request.POST or None)
    if request.method == "POST" and fonds and form.is_valid():
        fph.fph_demander(fonds=fonds, donnees=form.cleaned_data)
        messages.success(
            request, "Votre demande est enregistrée : le conseil citoyen l'examinera à sa prochaine réunion."
        )
        return redirect("conseil_citoyen", pk=objet.pk)
    return render(request, "conseil_citoyen/demande_fph.html", {"conseil": objet, "fonds": fonds, "form": form})
