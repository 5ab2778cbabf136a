"""The staff's side of the suivi: conventions, payments due, bilans to examine, renewal side by side."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from contratville.identifiants import pk_ou_404
from projets.selectors import dossiers_visibles
from projets.views.fichiers import serve_private_file
from suivi.enums import EtatBilan
from suivi.forms import (
    AnneeConventionForm,
    ConventionForm,
    RenvoiForm,
    SignatureForm,
    ValidationForm,
    VersementForm,
)
from suivi.models import Bilan, Convention, Versement
from suivi.selectors import (
    bilans_a_examiner,
    bilans_attendus,
    conventions_list,
    dossiers_a_conventionner,
    dossiers_pour_une_annee_suivante,
    indicateurs_du_bilan,
    versements_du_dossier,
    versements_dus,
)
from suivi.selectors_comparaison import comparaison_reconduction
from suivi.selectors_tableaux import tableau_de_bord as tableau_de_bord_selector
from suivi.services.bilans import bilan_return, bilan_validate
from suivi.services.conventions import convention_add_year, convention_create, convention_sign
from suivi.services.versements import versement_pay


def require_suivi(user, perm: str = "suivi.view_bilan") -> None:
    if not (user.is_staff and user.has_perm(perm)):
        raise PermissionDenied("Cette page est réservée au service politique de la ville et au comité de pilotage.")


@login_required
def conventions(request):
    require_suivi(request.user, "suivi.view_convention")
    return render(
        request,
        "suivi/staff/conventions.html",
        {
            "conventions": conventions_list(),
            "a_conventionner": dossiers_a_conventionner(),
            "peut_creer": request.user.has_perm("suivi.add_convention"),
        },
    )


@login_required
@require_POST
def convention_creer(request, dossier_pk):
    require_suivi(request.user, "suivi.add_convention")
    dossier = get_object_or_404(dossiers_visibles(user=request.user), pk=dossier_pk)
    form = ConventionForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors["annee_fin"])
        convention = convention_create(dossiers=[dossier], annee_fin=form.cleaned_data["annee_fin"], by=request.user)
    except ValidationError as error:
        messages.error(request, f"« {dossier} » : " + " ".join(error.messages))
        return redirect("suivi_conventions")
    messages.success(request, f"Convention {convention.numero} créée ; son PDF est en préparation.")
    return redirect("suivi_convention", pk=convention.pk)


@login_required
def convention(request, pk):
    require_suivi(request.user, "suivi.view_convention")
    convention = get_object_or_404(Convention.objects.select_related("porteur"), pk=pk)
    ajout = request.method == "POST" and request.POST.get("operation") == "ajouter_annee"
    form = SignatureForm(request.POST if request.method == "POST" and not ajout else None)
    annee_form = AnneeConventionForm(
        request.POST if ajout else None, dossiers=dossiers_pour_une_annee_suivante(convention=convention)
    )
    if ajout:
        require_suivi(request.user, "suivi.change_convention")
        if annee_form.is_valid():
            dossier = annee_form.cleaned_data["dossier"]
            try:
                convention_add_year(convention=convention, dossier=dossier, by=request.user)
                messages.success(
                    request, f"{dossier.campagne.annee} ajoutée : « {dossier} » est conventionné, l'avance est due."
                )
                return redirect("suivi_convention", pk=convention.pk)
            except ValidationError as error:
                annee_form.add_error("dossier", error)
    elif request.method == "POST":
        require_suivi(request.user, "suivi.change_convention")
        if form.is_valid():
            try:
                convention_sign(
                    convention=convention, date_signature=form.cleaned_data["date_signature"], by=request.user
                )
                messages.success(request, "Signature enregistrée : les dossiers sont conventionnés, l'avance est due.")
                return redirect("suivi_convention", pk=convention.pk)
            except ValidationError as error:
                form.add_error("date_signature", error)
    dossiers = convention.dossiers.select_related("campagne").order_by("numero")
    return render(
        request,
        "suivi/staff/convention.html",
        {
            "convention": convention,
            "engagements": convention.engagements.select_related("financeur").order_by("annee", "financeur__ordre"),
            "dossiers": [(d, versements_du_dossier(dossier=d)) for d in dossiers],
            "form": form,
            "annee_form": annee_form,
        },
    )


@login_required
def convention_telecharger(request, pk):
    require_suivi(request.user, "suivi.view_convention")
    convention = get_object_or_404(Convention, pk=pk)
    return serve_private_file(
        convention.fichier, download_name=f"convention-{convention.numero}.pdf", content_type="application/pdf"
    )


@login_required
def versements(request):
    require_suivi(request.user, "suivi.view_versement")
    today = timezone.localdate()
    dus = versements_dus(today=today, jusqu_au=today + datetime.timedelta(days=30))
    peut_payer = request.user.has_perm("suivi.change_versement")
    formulaires = {d.versement.pk: VersementForm(versement=d.versement) for d in dus} if peut_payer else {}
    if request.method == "POST" and peut_payer:
        versement = get_object_or_404(
            Versement.objects.select_related("ligne"), pk=pk_ou_404(request.POST.get("versement"))
        )
        form = VersementForm(request.POST, prefix=f"v{versement.pk}")
        formulaires[versement.pk] = form
        if form.is_valid():
            try:
                versement.version = form.cleaned_data["version"]
                versement_pay(
                    versement=versement,
                    montant=form.cleaned_data["montant"],
                    date_versement=form.cleaned_data["date_versement"],
                    reference=form.cleaned_data["reference"],
                    by=request.user,
                )
                messages.success(request, f"Versement enregistré : {versement.ligne}.")
                return redirect("suivi_versements")
            except ValidationError as error:
                for champ, erreurs in (
                    error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
                ).items():
                    for erreur in erreurs:
                        form.add_error(champ if champ in form.fields else None, erreur)
        if not any(d.versement.pk == versement.pk for d in dus):  # paid meanwhile: its form is no longer listed
            erreurs = " ".join(e for liste in form.errors.values() for e in liste)
            messages.error(request, f"Versement « {versement.ligne} » non enregistré : il n'est plus dû. {erreurs}")
            return redirect("suivi_versements")
    lignes = [(d, formulaires.get(d.versement.pk)) for d in dus]
    return render(request, "suivi/staff/versements.html", {"lignes": lignes, "aujourdhui": today})


@login_required
def bilans(request):
    require_suivi(request.user)
    today = timezone.localdate()
    return render(
        request,
        "suivi/staff/bilans.html",
        {"a_examiner": bilans_a_examiner(), "attendus": bilans_attendus(today=today), "aujourdhui": today},
    )


@login_required
def bilan(request, pk):
    require_suivi(request.user)
    bilan = get_object_or_404(Bilan.objects.select_related("dossier__porteur", "dossier__campagne"), pk=pk)
    validation, renvoi = ValidationForm(), RenvoiForm()
    if request.method == "POST":
        require_suivi(request.user, "suivi.change_bilan")
        action = request.POST.get("action")
        form = ValidationForm(request.POST) if action == "valider" else RenvoiForm(request.POST)
        if form.is_valid():
            try:
                if action == "valider":
                    bilan_validate(bilan=bilan, by=request.user, commentaire=form.cleaned_data["commentaire"])
                    messages.success(request, "Bilan validé : les soldes sont dus dans 30 jours.")
                else:
                    bilan_return(bilan=bilan, by=request.user, motif=form.cleaned_data["motif"])
                    messages.success(request, "Bilan renvoyé à la structure pour être complété.")
                return redirect("suivi_bilans")
            except ValidationError as error:
                form.add_error(None, error)
        if form.errors and bilan.etat != EtatBilan.DEPOSE:  # examined meanwhile: its forms are no longer shown
            messages.error(request, " ".join(e for liste in form.errors.values() for e in liste))
        validation, renvoi = (form, renvoi) if action == "valider" else (validation, form)
    return render(
        request,
        "suivi/staff/bilan.html",
        {
            "bilan": bilan,
            "lignes": bilan.lignes_budget.select_related("financeur").order_by("financeur_id", "compte"),
            "quartiers": bilan.quartiers.select_related("quartier"),
            "reponses": bilan.reponses_egalite.select_related("question"),
            "indicateurs": indicateurs_du_bilan(bilan=bilan),
            "validation": validation,
            "renvoi": renvoi,
            "peut_decider": request.user.has_perm("suivi.change_bilan"),
        },
    )


@login_required
def comparaison(request, pk):
    """The renewal next to last year's bilan, for the instructor."""
    require_suivi(request.user)
    visibles = dossiers_visibles(user=request.user)  # a renewal still in draft is its structure's private work
    dossier = get_object_or_404(visibles.select_related("reconduit_de", "porteur", "campagne"), pk=pk)
    return render(request, "suivi/staff/comparaison.html", {"c": comparaison_reconduction(dossier=dossier)})


@login_required
def tableau_de_bord(request):
    require_suivi(request.user)
    today = timezone.localdate()
    annee = request.GET.get("annee", "")
    tableau = tableau_de_bord_selector(annee=int(annee) if annee.isdigit() else today.year, today=today)
    if not annee.isdigit() and tableau.annees and tableau.annee not in tableau.annees:
        # By default the latest programmation already under way, not next year's open call.
        passees = [a for a in tableau.annees if a <= today.year]
        tableau = tableau_de_bord_selector(annee=(passees or tableau.annees)[0], today=today)
    return render(request, "suivi/staff/tableau_de_bord.html", {"t": tableau})
