"""The staff back-office of the instruction (service politique de la ville, COTECH partners)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render

from projets.enums import EtatDossier
from projets.exports import export_csv, export_xlsx
from projets.filters import FileInstructionFilter
from projets.selectors import campagnes_visibles, comptes_par_etat, file_instruction
from projets.selectors_enveloppes import enveloppes_campagne
from projets.selectors_instruction import mes_dossiers as selector_mes_dossiers

TAILLES_DE_PAGE = [25, 50, 100, 200]


def _require_instruction(user):
    if not (user.is_staff and user.has_perm("projets.view_dossier")):
        raise PermissionDenied("Cette page est réservée aux équipes qui instruisent les dossiers.")


@login_required
def file_campagne(request, pk):
    _require_instruction(request.user)
    campagne = get_object_or_404(campagnes_visibles(user=request.user).select_related("contrat"), pk=pk)
    filtre = FileInstructionFilter(
        request.GET or None, queryset=file_instruction(campagne=campagne), campagne=campagne
    )
    dossiers = filtre.qs
    export = request.GET.get("export")
    if export in ("csv", "xlsx"):
        dossiers = dossiers.prefetch_related("quartiers")
        nom = f"dossiers-{campagne.annee}"
        return export_csv(dossiers, nom) if export == "csv" else export_xlsx(dossiers, nom)
    taille = int(request.GET.get("par_page")) if request.GET.get("par_page", "").isdigit() else 50
    taille = taille if taille in TAILLES_DE_PAGE else 50
    page = Paginator(dossiers, taille).get_page(request.GET.get("page"))
    parametres = request.GET.copy()
    parametres.pop("page", None)
    return render(
        request,
        "projets/instruction/file.html",
        {
            "campagne": campagne,
            "filtre": filtre,
            "page": page,
            "comptes": comptes_par_etat(campagne=campagne),
            "enveloppes": enveloppes_campagne(campagne=campagne),
            "parametres": parametres.urlencode(),
            "tailles": TAILLES_DE_PAGE,
            "taille": taille,
        },
    )


@login_required
def campagnes(request):
    _require_instruction(request.user)
    liste = (
        campagnes_visibles(user=request.user)
        .select_related("contrat")
        .annotate(deposes=Count("dossiers", filter=~Q(dossiers__etat=EtatDossier.BROUILLON)))
    )
    return render(request, "projets/instruction/campagnes.html", {"campagnes": liste})


@login_required
def mes_dossiers(request):
    _require_instruction(request.user)
    return render(
        request, "projets/instruction/mes_dossiers.html", {"dossiers": selector_mes_dossiers(user=request.user)}
    )
