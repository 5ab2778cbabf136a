"""Import of past years for the staff: check the file (every wrong row listed), then import it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render

from suivi.forms import ImportForm
from suivi.selectors_rapports import contrat_du_suivi
from suivi.services.import_annees import COLONNES, importer_annees
from suivi.views.staff import require_suivi


@login_required
def importer(request):
    require_suivi(request.user, "suivi.add_versement")
    if not request.user.has_perm("projets.add_dossier"):
        raise PermissionDenied("L'import est réservé au service politique de la ville.")
    form, rapport = ImportForm(request.POST or None, request.FILES or None), None
    if form.is_bound and form.is_valid():
        fichier = form.cleaned_data["fichier"]
        try:
            rapport = importer_annees(contenu=fichier.read(), nom=fichier.name, contrat=contrat_du_suivi(),
                                      ecrire="importer" in request.POST, by=request.user)  # fmt: skip
        except ValidationError as erreur:
            form.add_error("fichier", erreur)
        else:
            if rapport.importe:
                messages.success(request, f"{rapport.dossiers} actions importées ({len(rapport.lignes)} lignes).")
                return redirect("suivi_import")
    return render(request, "suivi/staff/import.html", {"form": form, "rapport": rapport, "colonnes": COLONNES})
