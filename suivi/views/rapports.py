"""The reports page of the staff: launch a report (the worker produces it), follow it, download it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from projets.enums import StatutTravail
from projets.services.travaux import ACTIFS
from projets.views.fichiers import serve_private_file
from suivi.forms import RapportForm
from suivi.models import Rapport
from suivi.selectors_rapports import annees_du_contrat, contrat_du_suivi, rapports_recents
from suivi.services.rapports import FORMATS_PAR_TYPE, rapport_launch
from suivi.views.staff import require_suivi

TYPES_MIME = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


@login_required
def rapports(request):
    require_suivi(request.user, "suivi.view_rapport")
    contrat = contrat_du_suivi()
    annees = annees_du_contrat(contrat=contrat) if contrat else []
    peut_lancer = request.user.has_perm("suivi.add_rapport")
    form = RapportForm(request.POST if request.method == "POST" else None, annees=annees,
                       initial={"annee": annees[1] if len(annees) > 1 else None})  # fmt: skip
    if form.is_bound:
        require_suivi(request.user, "suivi.add_rapport")
        if form.is_valid():
            try:
                rapport = rapport_launch(contrat=contrat, by=request.user, **form.cleaned_data)
            except ValidationError as erreur:
                for champ, textes in erreur.message_dict.items():
                    for texte in textes:
                        form.add_error(champ if champ in form.fields else None, texte)
            else:
                if rapport.statut == StatutTravail.REUSSI:
                    messages.success(request, "Les données n'ont pas changé : voici le rapport déjà produit.")
                else:
                    messages.info(
                        request,
                        "Le rapport est en préparation : la liste ci-dessous s'actualise d'elle-même.",
                    )
                return redirect("suivi_rapports")
    recents = list(rapports_recents())
    return render(
        request,
        "suivi/staff/rapports.html",
        {
            "form": form,
            "rapports": recents,
            # While one is produced, the page reloads itself (static/js/actualiser.js).
            "en_cours": any(r.statut in ACTIFS for r in recents),
            "peut_lancer": peut_lancer,
            "formats": [(t.label, [f.label for f in formats]) for t, formats in FORMATS_PAR_TYPE.items()],
            "actifs": ACTIFS,
        },
    )


@login_required
def rapport_telecharger(request, pk):
    require_suivi(request.user, "suivi.view_rapport")
    rapport = get_object_or_404(Rapport, pk=pk)
    if rapport.statut != StatutTravail.REUSSI or not rapport.fichier:
        raise Http404("Le rapport n'est pas encore prêt.")
    return serve_private_file(
        rapport.fichier, download_name=rapport.nom_fichier, content_type=TYPES_MIME.get(rapport.format, "")
    )
