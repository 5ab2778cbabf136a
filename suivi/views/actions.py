"""Staff screens of the action's life after the convention (started, carried out, cancelled) and of the
validated bilans presented to a COPIL séance."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from projets.enums import ETATS_FINANCES, TypeInstance
from projets.models import Dossier, Seance
from suivi.forms import AnnulationForm, DebutActionForm, FinActionForm, PresentationCopilForm
from suivi.models import SuiviAction
from suivi.selectors import bilans_a_presenter, statut_action
from suivi.services.actions import action_cancel, action_finish, action_start
from suivi.services.bilans import bilans_present_to_copil
from suivi.views.indicateurs import erreurs_dans_le_formulaire
from suivi.views.staff import require_suivi

OPERATIONS = {
    "demarrer": (DebutActionForm, lambda d, data, by: action_start(dossier=d, debut=data["debut"], by=by),
                 "Début de l'action enregistré : elle est en cours."),
    "terminer": (FinActionForm, lambda d, data, by: action_finish(dossier=d, fin=data["fin"], by=by),
                 "Fin de l'action enregistrée : son bilan est attendu."),
    "annuler": (AnnulationForm, lambda d, data, by: action_cancel(dossier=d, by=by, **data),
                "Action annulée : les versements non faits sont retirés, aucun bilan n'est attendu."),
}  # fmt: skip


@login_required
def action(request, pk):
    """The action's status and real dates, with the forms to start, finish or cancel it."""
    require_suivi(request.user, "suivi.view_suiviaction")
    dossier = get_object_or_404(
        Dossier.objects.filter(etat__in=ETATS_FINANCES).select_related("porteur", "campagne"), pk=pk
    )
    operation = request.POST.get("operation") if request.method == "POST" else None
    forms = {
        nom: classe(request.POST if nom == operation else None, prefix=nom)
        for nom, (classe, _, _) in OPERATIONS.items()
    }
    if operation in OPERATIONS:
        require_suivi(request.user, "suivi.change_suiviaction")
        form, faire, succes = forms[operation], OPERATIONS[operation][1], OPERATIONS[operation][2]
        if form.is_valid():
            try:
                faire(dossier, form.cleaned_data, request.user)
                messages.success(request, succes)
                return redirect("suivi_action", pk=dossier.pk)
            except ValidationError as error:
                erreurs_dans_le_formulaire(form, error)
    suivi = SuiviAction.objects.filter(dossier=dossier).first() or SuiviAction(dossier=dossier)
    return render(
        request,
        "suivi/staff/action.html",
        {
            "dossier": dossier,
            "suivi": suivi,
            "statut": statut_action(dossier=dossier, today=timezone.localdate()),
            "forms": forms,
            "convention": dossier.conventions.first(),
            "peut_modifier": request.user.has_perm("suivi.change_suiviaction"),
        },
    )


@login_required
def bilans_copil(request):
    """Validated bilans presented to a COPIL séance (« bilans validés » on its agenda)."""
    require_suivi(request.user)
    seances = Seance.objects.filter(comite__type=TypeInstance.COPIL).select_related("comite").order_by("-date")
    form = PresentationCopilForm(request.POST or None, seances=seances, bilans=bilans_a_presenter())
    if request.method == "POST":
        require_suivi(request.user, "suivi.change_bilan")
        if form.is_valid():
            try:
                nombre = bilans_present_to_copil(
                    seance=form.cleaned_data["seance"], bilans=list(form.cleaned_data["bilans"])
                )
                messages.success(
                    request,
                    f"{nombre} bilan{'s' if nombre > 1 else ''} présenté{'s' if nombre > 1 else ''} "
                    f"au {form.cleaned_data['seance']}.",
                )
                return redirect("suivi_bilans_copil")
            except ValidationError as error:
                erreurs_dans_le_formulaire(form, error)
    presentes = (
        Seance.objects.filter(bilans_valides__isnull=False)
        .distinct()
        .select_related("comite")
        .prefetch_related("bilans_valides__dossier__porteur")
        .order_by("-date")
    )
    return render(
        request,
        "suivi/staff/bilans_copil.html",
        {"form": form, "presentes": presentes, "peut_presenter": request.user.has_perm("suivi.change_bilan")},
    )
