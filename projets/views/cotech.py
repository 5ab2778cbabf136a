"""The COTECH pages: séances of a campagne, and one séance's agenda with the collective avis per dossier.

The service politique de la ville records them; COTECH partners (invited campagnes only) and the COPIL read.
An invalid POST renders the page again with the bound forms, so nothing typed is lost.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from projets.forms.cotech import AjoutDossiersForm, ExamenForm, SeanceForm
from projets.models import Examen
from projets.selectors import campagnes_visibles
from projets.selectors_cotech import (
    dossiers_examinables,
    examens_de_seance,
    get_seance_for_user,
    participants_possibles,
    seances_de_campagne,
)
from projets.services import cotech as services
from projets.services.instruction import ModificationConcurrente, est_instructeur
from projets.views.instruction import _require_instruction


def _campagne(request, pk):
    _require_instruction(request.user)
    return get_object_or_404(campagnes_visibles(user=request.user).select_related("contrat"), pk=pk)


def _seance(request, pk, write=False):
    _require_instruction(request.user)
    seance = get_seance_for_user(user=request.user, pk=pk)
    if write and not est_instructeur(request.user):
        raise PermissionDenied("Seul le service politique de la ville enregistre les séances du COTECH.")
    return seance


def _add_errors(form, error: ValidationError):
    for champ, erreurs in getattr(error, "error_dict", {None: error.error_list}).items():
        form.add_error(champ if champ in form.fields else None, erreurs)


def _url(seance, ancre=""):
    return reverse("cotech_seance", args=[seance.pk]) + ancre


def _page(request, seance, form_ajout=None, formulaires=None, conflit=None):
    peut_modifier = est_instructeur(request.user)
    examens = list(examens_de_seance(seance=seance))
    for examen in examens:
        initial = {"avis": examen.avis, "commentaire": examen.commentaire}
        initial.update(avis_lu=examen.avis, commentaire_lu=examen.commentaire)
        examen.form = (formulaires or {}).get(examen.pk) or ExamenForm(initial=initial, prefix=f"examen-{examen.pk}")
    if peut_modifier and form_ajout is None:
        form_ajout = AjoutDossiersForm(dossiers=dossiers_examinables(seance=seance))
    contexte = {
        "seance": seance,
        "examens": examens,
        "peut_modifier": peut_modifier,
        "form_ajout": form_ajout,
        "conflit": conflit,
    }
    return render(request, "projets/instruction/cotech/seance.html", contexte)


@login_required
def seances(request, pk):
    campagne = _campagne(request, pk)
    contexte = {
        "campagne": campagne,
        "seances": seances_de_campagne(campagne=campagne),
        "peut_modifier": est_instructeur(request.user),
    }
    return render(request, "projets/instruction/cotech/seances.html", contexte)


@login_required
def seance_creer(request, pk):
    campagne = _campagne(request, pk)
    if not est_instructeur(request.user):
        raise PermissionDenied("Seul le service politique de la ville enregistre les séances du COTECH.")
    form = SeanceForm(request.POST or None, participants_possibles=participants_possibles())
    if request.method == "POST" and form.is_valid():
        try:
            seance = services.seance_create(campagne=campagne, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "Séance enregistrée : ajoutez maintenant les dossiers examinés.")
            return redirect(_url(seance))
    contexte = {"campagne": campagne, "seance": None, "form": form}
    return render(request, "projets/instruction/cotech/seance_form.html", contexte)


@login_required
def seance_modifier(request, pk):
    seance = _seance(request, pk, write=True)
    initial = {
        "date": seance.date,
        "lieu": seance.lieu,
        "participants": list(seance.participants.all()),
        "autres_participants": seance.autres_participants,
        "compte_rendu": seance.compte_rendu,
    }
    possibles = participants_possibles(seance=seance)
    form = SeanceForm(request.POST or None, initial=initial, participants_possibles=possibles)
    if request.method == "POST" and form.is_valid():
        try:
            services.seance_update(seance=seance, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "Séance enregistrée.")
            return redirect(_url(seance))
    contexte = {"campagne": seance.campagne, "seance": seance, "form": form}
    return render(request, "projets/instruction/cotech/seance_form.html", contexte)


@login_required
def seance(request, pk):
    return _page(request, _seance(request, pk))


@login_required
@require_POST
def seance_ajouter_dossiers(request, pk):
    seance = _seance(request, pk, write=True)
    form = AjoutDossiersForm(request.POST, dossiers=dossiers_examinables(seance=seance))
    if not form.is_valid():
        return _page(request, seance, form_ajout=form)
    try:
        examens = services.seance_add_dossiers(seance=seance, by=request.user, dossiers=form.cleaned_data["dossiers"])
    except ValidationError as error:
        _add_errors(form, error)
        return _page(request, seance, form_ajout=form)
    nombre = len(examens)
    messages.success(request, f"{nombre} dossier{'s' if nombre > 1 else ''} à l'ordre du jour de la séance.")
    return redirect(_url(seance, "#examens"))


@login_required
@require_POST
def seance_enregistrer_avis(request, pk):
    seance = _seance(request, pk, write=True)
    # Only the rows that were on the submitted page: a dossier added since then keeps what it has.
    examens = [e for e in examens_de_seance(seance=seance) if f"examen-{e.pk}-avis" in request.POST]
    formulaires = {e.pk: ExamenForm(request.POST, prefix=f"examen-{e.pk}") for e in examens}
    if not all([form.is_valid() for form in formulaires.values()]):
        messages.error(request, "Les avis n'ont pas été enregistrés : corrigez les champs signalés.")
        return _page(request, seance, formulaires=formulaires)
    saisies = {
        e: (formulaires[e.pk].cleaned_data["avis"], formulaires[e.pk].cleaned_data["commentaire"]) for e in examens
    }
    lus = {pk: (f.cleaned_data["avis_lu"], f.cleaned_data["commentaire_lu"]) for pk, f in formulaires.items()}
    try:
        services.examens_save(seance=seance, by=request.user, saisies=saisies, lus=lus)
    except ModificationConcurrente as conflit:
        messages.error(request, conflit.message)
        # Keep what was typed, but compare the next save with what is recorded now.
        donnees = request.POST.copy()
        for examen in examens_de_seance(seance=seance):
            donnees[f"examen-{examen.pk}-avis_lu"] = examen.avis
            donnees[f"examen-{examen.pk}-commentaire_lu"] = examen.commentaire
        formulaires = {e.pk: ExamenForm(donnees, prefix=f"examen-{e.pk}") for e in examens}
        return _page(request, seance, formulaires=formulaires, conflit=conflit)
    messages.success(request, "Avis du COTECH enregistrés.")
    return redirect(_url(seance, "#examens"))


@login_required
@require_POST
def examen_retirer(request, pk, examen_pk):
    seance = _seance(request, pk, write=True)
    examen = get_object_or_404(Examen.objects.select_related("dossier"), pk=examen_pk, seance=seance)
    try:
        services.examen_remove(examen=examen, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Dossier {examen.dossier.numero} retiré de l'ordre du jour.")
    return redirect(_url(seance, "#examens"))
