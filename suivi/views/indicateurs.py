"""The service's page of indicators: per objectif opérationnel and per action, values and targets per year."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from enjeux.models import ObjectifOperationnel
from projets.models import Dossier
from suivi.forms import IndicateurForm, ValeurIndicateurForm
from suivi.models import Indicateur
from suivi.selectors_indicateurs import annees_des_indicateurs, rattachements_de_l_annee
from suivi.services.indicateurs import annees_possibles, indicateur_create, valeur_record
from suivi.views.staff import require_suivi


def erreurs_dans_le_formulaire(form, error: ValidationError) -> None:
    """A service's errors next to the fields they name, the others at the top of the form."""
    par_champ = error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
    for champ, liste in par_champ.items():
        form.add_error(champ if champ in form.fields else None, liste)


def _annee(request, annees: list[int]) -> int:
    demandee = request.GET.get("annee", "")
    if demandee.isdigit() and len(demandee) == 4:
        return int(demandee)
    passees = [a for a in annees if a <= timezone.localdate().year]
    return (passees or annees or [timezone.localdate().year])[0]


@login_required
def indicateurs(request):
    require_suivi(request.user, "suivi.view_indicateur")
    annees = annees_des_indicateurs()
    annee = _annee(request, annees)
    objectifs, actions = rattachements_de_l_annee(annee=annee)
    peut_ajouter = request.user.has_perm("suivi.add_indicateur")
    form = IndicateurForm(request.POST or None, objectifs=objectifs, actions=actions)
    if request.method == "POST":
        require_suivi(request.user, "suivi.add_indicateur")
        if form.is_valid():
            sorte, _, pk = form.cleaned_data["rattachement"].partition("-")
            try:
                indicateur = indicateur_create(
                    libelle=form.cleaned_data["libelle"],
                    type=form.cleaned_data["type"],
                    unite=form.cleaned_data["unite"],
                    service=form.cleaned_data["service"],
                    objectif=get_object_or_404(ObjectifOperationnel, pk=pk) if sorte == "objectif" else None,
                    dossier=get_object_or_404(Dossier, pk=pk) if sorte == "action" else None,
                    by=request.user,
                )
                messages.success(request, f"Indicateur « {indicateur} » ajouté : saisissez sa cible.")
                return redirect("suivi_indicateur", pk=indicateur.pk)
            except ValidationError as error:
                erreurs_dans_le_formulaire(form, error)
    return render(
        request,
        "suivi/staff/indicateurs.html",
        {
            "annee": annee,
            "annees": annees,
            "objectifs": objectifs,
            "actions": actions,
            "form": form,
            "peut_ajouter": peut_ajouter,
        },
    )


@login_required
def indicateur(request, pk):
    require_suivi(request.user, "suivi.view_indicateur")
    indicateur = get_object_or_404(
        Indicateur.objects.select_related("objectif__axe__enjeu", "dossier__campagne", "contrat"), pk=pk
    )
    annees = annees_possibles(indicateur)
    form = ValeurIndicateurForm(request.POST or None, initial={"annee": annees.start})
    if request.method == "POST":
        require_suivi(request.user, "suivi.change_valeurindicateur")
        if form.is_valid():
            try:
                valeur_record(indicateur=indicateur, by=request.user, **form.cleaned_data)
                messages.success(request, f"Valeurs de {form.cleaned_data['annee']} enregistrées.")
                return redirect("suivi_indicateur", pk=indicateur.pk)
            except ValidationError as error:
                erreurs_dans_le_formulaire(form, error)
    return render(
        request,
        "suivi/staff/indicateur.html",
        {
            "indicateur": indicateur,
            "valeurs": indicateur.valeurs.order_by("annee"),
            "annees": annees,
            "form": form,
            "peut_saisir": request.user.has_perm("suivi.change_valeurindicateur"),
        },
    )
