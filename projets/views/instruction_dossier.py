"""The staff page of one dossier: every section of the instruction, each with its own POST endpoint.

A refused or invalid POST renders the whole page again with the bound form, so nothing typed is lost.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from contratville.formatting import de
from projets.forms.echanges import MessageForm, NoteInterneForm
from projets.forms.instruction import (
    AnalyseForm,
    AvisLigneForm,
    ComplementsForm,
    MotifForm,
    RecevabiliteForm,
    ReferentForm,
)
from projets.models import ControleRecevabilite, Dossier, LigneFinancement
from projets.selectors import dossiers_visibles
from projets.selectors_enveloppes import alerte_enveloppe
from projets.selectors_instruction import contexte_instruction
from projets.services import instruction as services
from projets.views.instruction import _require_instruction
from projets.workflows import ETATS_INSTRUCTION_OUVERTE


def _get_dossier(request, pk) -> Dossier:
    _require_instruction(request.user)
    queryset = dossiers_visibles(user=request.user).select_related("campagne__contrat", "porteur", "referent")
    return get_object_or_404(queryset, pk=pk)


def _page(request, dossier, **formulaires):
    """Render the page; `formulaires` replaces the default (unbound) form of a section with a bound one."""
    contexte = contexte_instruction(dossier=dossier, user=request.user)
    contexte.setdefault("formulaires_lignes", {})
    lignes = formulaires.pop("formulaires_lignes", {})
    defaults = {
        "form_referent": ReferentForm(
            initial={"referent": dossier.referent_id}, referents=services.referents_possibles()
        ),
        "form_recevabilite": RecevabiliteForm(instance=ControleRecevabilite.objects.filter(dossier=dossier).first()),
        "form_complements": ComplementsForm(),
        "form_irrecevable": MotifForm(),
        "form_analyse": AnalyseForm(
            initial=contexte["analyse_initiale"], criteres=contexte["criteres"], prefix="analyse"
        ),
        "form_message": MessageForm(),
        "form_note": NoteInterneForm(),
    }
    contexte.update({**defaults, **formulaires})
    refuses = [f for f in [*formulaires.values(), *lignes.values()] if isinstance(f, BaseForm) and f.errors]
    if refuses and dossier.etat not in ETATS_INSTRUCTION_OUVERTE:  # its section is no longer shown: say it here
        messages.error(
            request,
            f"Rien n'a été enregistré : le dossier est « {dossier.get_etat_display()} », son instruction est close.",
        )
    for ligne in contexte["lignes"]:
        form = lignes.get(ligne.pk) or AvisLigneForm(
            initial={
                "avis": ligne.avis,
                "montant_propose": ligne.montant_propose,
                "commentaire": ligne.commentaire_avis,
                "version": ligne.version,
            },
            prefix=f"ligne-{ligne.pk}",
        )
        contexte["formulaires_lignes"][ligne.pk] = form
        ligne.form = form
        if contexte["est_instructeur"]:
            ligne.form_referent = ReferentForm(
                initial={"referent": ligne.referent_id},
                referents=services.referents_possibles(ligne=ligne),
                prefix=f"ref-{ligne.pk}",
            )
    return render(request, "projets/instruction/dossier.html", contexte)


def _done(request, dossier, message, ancre=""):
    messages.success(request, message)
    return redirect(f"{dossier.get_instruction_url()}{ancre}")


def _refused(request, dossier, error: ValidationError, form=None, nom=None, **autres):
    """Show a service's refusal next to the fields it names, or at the top of the page."""
    if form is not None and hasattr(error, "error_dict"):
        for champ, erreurs in error.error_dict.items():
            form.add_error(champ if champ in form.fields else None, erreurs)
    else:
        messages.error(request, " ".join(error.messages))
    if form is not None and nom:
        autres[nom] = form
    return _page(request, dossier, **autres)


def _submit(request, dossier, form, nom: str, action, succes: str):
    """Validate `form`, run the service `action` with its data, then redirect, or show the page again with the
    bound form (named `nom` in the page) and the errors next to the fields."""
    if not form.is_valid():
        return _page(request, dossier, **{nom: form})
    try:
        action(form.cleaned_data)
    except ValidationError as error:
        return _refused(request, dossier, error, form, nom)
    return _done(request, dossier, succes)


@login_required
def dossier(request, pk):
    return _page(request, _get_dossier(request, pk))


@login_required
@require_POST
def referent(request, pk):
    dossier = _get_dossier(request, pk)
    return _submit(
        request,
        dossier,
        ReferentForm(request.POST, referents=services.referents_possibles()),
        "form_referent",
        lambda data: services.dossier_assign(dossier=dossier, referent=data["referent"], by=request.user),
        "Référent enregistré.",
    )


@login_required
@require_POST
def referent_ligne(request, pk, ligne_pk):
    dossier = _get_dossier(request, pk)
    ligne = get_object_or_404(dossier.lignes_financement.select_related("financeur"), pk=ligne_pk)
    form = ReferentForm(request.POST, referents=services.referents_possibles(ligne=ligne), prefix=f"ref-{ligne.pk}")
    if not form.is_valid():
        messages.error(request, "Choisissez une personne de la liste.")
        return _page(request, dossier)
    try:
        services.ligne_assign(ligne=ligne, referent=form.cleaned_data["referent"], by=request.user)
    except ValidationError as error:
        return _refused(request, dossier, error)
    return _done(request, dossier, f"Référent de la ligne {ligne.financeur} enregistré.", "#financements")


@login_required
@require_POST
def recevabilite(request, pk):
    dossier = _get_dossier(request, pk)
    form = RecevabiliteForm(request.POST, instance=ControleRecevabilite.objects.filter(dossier=dossier).first())
    if not form.is_valid():
        return _page(request, dossier, form_recevabilite=form)
    criteres = {name: form.cleaned_data[name] for name in ControleRecevabilite.CRITERES}
    services.recevabilite_save(
        dossier=dossier, by=request.user, criteres=criteres, commentaire=form.cleaned_data["commentaire"]
    )
    if "recevable" not in request.POST:
        return _done(request, dossier, "Liste de contrôle enregistrée.", "#recevabilite")
    try:
        services.dossier_declare_recevable(dossier=dossier, by=request.user)
    except ValidationError as error:
        return _refused(request, dossier, error, form, "form_recevabilite")
    return _done(request, dossier, "Dossier déclaré recevable : il est en instruction.")


@login_required
@require_POST
def complements(request, pk):
    dossier = _get_dossier(request, pk)
    return _submit(
        request,
        dossier,
        ComplementsForm(request.POST),
        "form_complements",
        lambda data: services.complements_demander(dossier=dossier, by=request.user, **data),
        "Compléments demandés : la structure a été prévenue par courriel.",
    )


@login_required
@require_POST
def irrecevable(request, pk):
    dossier = _get_dossier(request, pk)
    return _submit(
        request,
        dossier,
        MotifForm(request.POST),
        "form_irrecevable",
        lambda data: services.dossier_declare_irrecevable(dossier=dossier, by=request.user, motif=data["motif"]),
        "Dossier déclaré irrecevable : le motif a été envoyé à la structure.",
    )


@login_required
@require_POST
def avis_ligne(request, pk, ligne_pk):
    dossier = _get_dossier(request, pk)
    ligne = get_object_or_404(LigneFinancement.objects.select_related("financeur", "dossier"), pk=ligne_pk)
    if ligne.dossier_id != dossier.pk:
        return redirect(dossier.get_instruction_url())
    form = AvisLigneForm(request.POST, prefix=f"ligne-{ligne.pk}")
    if not form.is_valid():
        return _page(request, dossier, formulaires_lignes={ligne.pk: form})
    try:
        services.ligne_avis_save(ligne=ligne, by=request.user, **form.cleaned_data)
    except services.ModificationConcurrente as conflit:
        messages.error(request, conflit.message)
        return _page(request, dossier, formulaires_lignes={ligne.pk: form}, conflit=conflit, conflit_ligne=ligne.pk)
    except ValidationError as error:
        return _refused(request, dossier, error, form, formulaires_lignes={ligne.pk: form})
    if alerte := alerte_enveloppe(campagne=dossier.campagne, financeur=ligne.financeur):
        messages.warning(request, alerte)
    return _done(request, dossier, f"Avis {de(ligne.financeur)} enregistré.", "#financements")


@login_required
@require_POST
def analyse(request, pk):
    dossier = _get_dossier(request, pk)
    form = AnalyseForm(request.POST, criteres=dossier.campagne.criteres_analyse.all(), prefix="analyse")
    if not form.is_valid():
        return _page(request, dossier, form_analyse=form)
    try:
        services.analyse_save(
            dossier=dossier,
            by=request.user,
            version=form.cleaned_data["version"],
            notes=form.notes(),
            synthese=form.cleaned_data["synthese"],
        )
    except services.ModificationConcurrente as conflit:
        messages.error(request, conflit.message)
        return _page(request, dossier, form_analyse=form, conflit=conflit, conflit_ligne=None)
    except ValidationError as error:
        return _refused(request, dossier, error, form, "form_analyse")
    return _done(request, dossier, "Analyse enregistrée.", "#analyse")


@login_required
@require_POST
def proposer(request, pk):
    dossier = _get_dossier(request, pk)
    try:
        services.dossier_propose_au_copil(dossier=dossier, by=request.user)
    except ValidationError as error:
        return _refused(request, dossier, error)
    return _done(request, dossier, "Dossier instruit : il est proposé au COPIL.")


@login_required
@require_POST
def reprendre(request, pk):
    dossier = _get_dossier(request, pk)
    try:
        services.dossier_reprendre_instruction(dossier=dossier, by=request.user)
    except ValidationError as error:
        return _refused(request, dossier, error)
    return _done(request, dossier, "Le dossier est de nouveau en instruction.")
