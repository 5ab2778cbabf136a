"""The staff back-office of the instruction (service politique de la ville, COTECH partners)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from projets.enums import EtatDossier
from projets.exports import export_csv, export_xlsx
from projets.filters import FileInstructionFilter
from projets.forms.instruction import ReferentForm
from projets.selectors import campagnes_visibles, comptes_par_etat, file_instruction, lit_les_dossiers_deposes
from projets.selectors_enveloppes import enveloppes_campagne
from projets.selectors_instruction import mes_dossiers as selector_mes_dossiers
from projets.services.instruction import dossiers_assign, est_instructeur, referents_possibles

TAILLES_DE_PAGE = [25, 50, 100, 200]


def _require_instruction(user):
    if not lit_les_dossiers_deposes(user):
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
            "form_lot": ReferentForm(referents=referents_possibles()) if est_instructeur(request.user) else None,
        },
    )


@login_required
@require_POST
def attribuer(request, pk):
    """Batch assignment of the ticked dossiers of the queue to one référent."""
    _require_instruction(request.user)
    campagne = get_object_or_404(campagnes_visibles(user=request.user), pk=pk)
    retour = request.POST.get("retour", "")
    if not url_has_allowed_host_and_scheme(retour, allowed_hosts={request.get_host()}):
        retour = ""
    retour = retour or reverse("file_instruction", args=[campagne.pk])
    form = ReferentForm(request.POST, referents=referents_possibles())
    choisis = file_instruction(campagne=campagne).filter(pk__in=request.POST.getlist("dossiers")[:1000])
    if not form.is_valid() or not choisis.exists():
        messages.error(request, "Cochez au moins un dossier et choisissez une personne de la liste.")
        return redirect(retour)
    try:
        nombre = dossiers_assign(dossiers=choisis, referent=form.cleaned_data["referent"], by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(retour)
    referent = form.cleaned_data["referent"] or "personne"
    messages.success(
        request, f"{nombre} dossier{'s' if nombre > 1 else ''} attribué{'s' if nombre > 1 else ''} à {referent}."
    )
    return redirect(retour)


@login_required
def campagnes(request):
    _require_instruction(request.user)
    liste = (
        campagnes_visibles(user=request.user)
        .select_related("contrat")
        .annotate(deposes=Count("dossiers", filter=~Q(dossiers__etat=EtatDossier.BROUILLON)))
        .order_by("-annee", "-pk")  # an aggregate drops Meta.ordering: newest first, said again
    )
    return render(request, "projets/instruction/campagnes.html", {"campagnes": liste})


@login_required
def mes_dossiers(request):
    _require_instruction(request.user)
    return render(
        request, "projets/instruction/mes_dossiers.html", {"dossiers": selector_mes_dossiers(user=request.user)}
    )
