"""The porteur's side of the suivi: its funded actions, their convention and payments, and the bilan form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from projets.selectors import get_dossier_for_user
from projets.views.fichiers import serve_private_file
from suivi.forms import BilanForm
from suivi.models import Bilan
from suivi.rules import ETATS_BILAN_SAISISSABLE
from suivi.selectors import actions_du_porteur, bilan_formulaire, bilan_manques, indicateurs_du_bilan
from suivi.services.bilans import ETATS_MODIFIABLES, bilan_open, bilan_save, bilan_submit


@login_required
def mes_actions(request):
    actions = actions_du_porteur(user=request.user, today=timezone.localdate())
    return render(request, "suivi/porteur/actions.html", {"actions": actions, "aujourdhui": timezone.localdate()})


def _form(bilan: Bilan, data=None) -> BilanForm:
    lignes, quartiers, questions, reponses = bilan_formulaire(bilan=bilan)
    return BilanForm(
        data,
        instance=bilan,
        lignes=lignes,
        quartiers=quartiers,
        questions=questions,
        reponses=reponses,
        indicateurs=indicateurs_du_bilan(bilan=bilan),
    )


@login_required
def bilan(request, pk):
    dossier = get_dossier_for_user(user=request.user, pk=pk, write=True)
    existant = Bilan.objects.filter(dossier=dossier).first()
    if existant is None and dossier.etat not in ETATS_BILAN_SAISISSABLE:
        messages.info(
            request, f"Le bilan s'ouvre une fois l'action commencée (dossier « {dossier.get_etat_display()} »)."
        )
        return redirect("suivi_mes_actions")
    bilan = existant or bilan_open(dossier=dossier)
    modifiable = bilan.etat in ETATS_MODIFIABLES and dossier.etat in ETATS_BILAN_SAISISSABLE
    form, erreurs = _form(bilan, request.POST if request.method == "POST" and modifiable else None), []
    if form.is_bound:
        if form.is_valid():
            try:
                bilan = bilan_save(
                    bilan=bilan,
                    version=int(request.POST.get("version") or 0),
                    valeurs=form.valeurs(),
                    budget=form.budget(),
                    quartiers=form.publics_quartiers(),
                    egalite=form.egalite(),
                    indicateurs=form.valeurs_indicateurs(),
                    by=request.user,
                )
                if "deposer" not in request.POST:
                    messages.success(request, "Bilan enregistré : vous pourrez le reprendre et le déposer plus tard.")
                    return redirect("suivi_bilan", pk=dossier.pk)
                bilan_submit(bilan=bilan, by=request.user)
                messages.success(request, "Bilan déposé : le service politique de la ville va l'examiner.")
                return redirect("suivi_mes_actions")
            except ValidationError as error:
                if hasattr(error, "error_dict"):  # a field's rule checked again by the service
                    for champ, messages_champ in error.message_dict.items():
                        form.add_error(champ if champ in form.fields else None, messages_champ)
                erreurs = error.messages  # the typed values stay in the bound form
        else:
            erreurs = ["Certains champs sont à corriger : voir les messages à côté de chaque champ."]
    bilan.refresh_from_db()
    return render(
        request,
        "suivi/porteur/bilan.html",
        {
            "dossier": dossier,
            "bilan": bilan,
            "form": form,
            "modifiable": modifiable,
            "erreurs": erreurs,
            "manques": [] if erreurs or not modifiable else bilan_manques(bilan=bilan),
        },
    )


@login_required
def convention_pdf(request, pk):
    dossier = get_dossier_for_user(user=request.user, pk=pk, write=True)
    convention = dossier.conventions.first()
    if convention is None:
        raise Http404("Aucune convention pour ce dossier.")
    return serve_private_file(
        convention.fichier, download_name=f"convention-{convention.numero}.pdf", content_type="application/pdf"
    )
