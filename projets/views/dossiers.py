"""The dossier wizard of the porteur space: one page per step, saved on each change, then submission."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from contratville import limites
from projets.enums import EtatDossier
from projets.etapes import ETAPES, ETAPES_PAR_SLUG
from projets.forms.dossier import (
    ActionForm,
    AttestationForm,
    BudgetForm,
    EgaliteForm,
    OrientationsForm,
    PublicForm,
    data_with_pending,
    partial_values,
)
from projets.forms.fichiers import PieceJointeForm
from projets.rules import campagne_accepte_depots
from projets.selectors import (
    campagne_ouverte,
    documents_courants,
    get_depot_for_user,
    get_dossier_for_user,
    porteurs_de,
)
from projets.selectors_complements import demande_complements_en_cours, etapes_modifiables
from projets.selectors_dossier import dossier_avancement, dossier_manques_etape, dossier_totaux
from projets.services.complements import complements_repondre
from projets.services.depots import depot_ensure_recepisse
from projets.services.dossiers import (
    dossier_create,
    dossier_save_budget,
    dossier_save_egalite,
    dossier_save_step,
    dossier_submit,
    dossier_withdraw,
)
from projets.views.fichiers import serve_private_file
from suivi.services.reconduction import dossier_renew_from_bilan

MODEL_STEPS = {
    "action": ActionForm,
    "public": PublicForm,
    "orientations": OrientationsForm,
    "attestation": AttestationForm,
}


def _form_for(etape, dossier, data=None):
    if etape in MODEL_STEPS:
        return MODEL_STEPS[etape](data, instance=dossier)
    if etape == "egalite":
        return EgaliteForm(data, dossier=dossier)
    if etape == "budget":
        return BudgetForm(data, dossier=dossier)
    return None  # "pieces": uploads go through projets/views/fichiers.py


def _save(etape, dossier, form, valeurs, en_attente):
    if etape == "egalite":
        dossier_save_egalite(dossier=dossier, reponses=form.reponses(valeurs))
        valeurs = {}
    elif etape == "budget":
        comptes, financements = form.split(valeurs)
        dossier_save_budget(dossier=dossier, comptes=comptes, financements=financements)
        valeurs = {}
    dossier_save_step(dossier=dossier, etape=etape, valeurs=valeurs, en_attente=en_attente)


@login_required
def dossier_nouveau(request):
    campagne = campagne_ouverte()
    porteurs = list(porteurs_de(user=request.user))
    if not porteurs:
        messages.info(request, "Présentez d'abord votre structure : ces informations serviront à tous vos dossiers.")
        return redirect("structure_creer")
    if campagne is None:
        messages.error(request, "Aucun appel à projets n'est ouvert : vous ne pouvez pas créer de dossier.")
        return redirect("espace_porteur")
    erreur = None
    if request.method == "POST":
        porteur = next((p for p in porteurs if str(p.pk) == request.POST.get("porteur")), porteurs[0])
        intitule = request.POST.get("intitule", "").strip()
        if intitule:
            dossier = dossier_create(campagne=campagne, porteur=porteur, intitule=intitule[:300])
            return redirect("dossier_etape", pk=dossier.pk, etape="action")
        erreur = "Donnez un intitulé à l'action, même provisoire : vous pourrez le modifier."
    context = {
        "campagne": campagne,
        "porteurs": porteurs,
        "erreur": erreur,
        "intitule": request.POST.get("intitule", ""),
        "porteur_choisi": request.POST.get("porteur", ""),
    }
    return render(request, "projets/dossier/nouveau.html", context)


@login_required
def dossier_etape(request, pk, etape):
    dossier = get_dossier_for_user(user=request.user, pk=pk, write=True)
    if etape not in ETAPES_PAR_SLUG:
        raise Http404("Étape inconnue.")
    modifiables = etapes_modifiables(dossier=dossier)
    if etape not in modifiables:
        return _step_closed(request, dossier, etape, modifiables)
    form = _form_for(etape, dossier, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form is not None:
        valeurs, en_attente = partial_values(form)
        try:
            _save(etape, dossier, form, valeurs, en_attente)
        except ValidationError as error:
            return _refused(request, error)
        if request.headers.get("X-Autosave"):
            dossier.refresh_from_db(fields=["modifie_le"])
            return JsonResponse(
                {
                    "erreurs": form.errors,
                    "heure": _now_hhmm(),
                    "version": dossier.modifie_le.isoformat(),
                    "manques": dossier_manques_etape(dossier=dossier, etape=etape),
                }
            )
        if not form.errors and dossier_manques_etape(dossier=dossier, etape=etape):
            # Saved but not complete: the porteur stays on the step, which says why next to its buttons.
            return redirect(f"{reverse('dossier_etape', args=[dossier.pk, etape])}?enregistree=1")
        if not form.errors:
            messages.success(request, f"Étape « {ETAPES_PAR_SLUG[etape].titre} » enregistrée.")
            suivante = _next_step(etape, modifiables) if "continuer" in request.POST else etape
            if dossier.etat == EtatDossier.COMPLEMENTS_DEMANDES and suivante is None:
                return redirect("dossier_complements", pk=dossier.pk)  # last reopened step: back to the request
            return redirect("dossier_etape", pk=dossier.pk, etape=suivante or etape)
        messages.error(request, "Certaines valeurs sont à corriger : elles sont signalées sous chaque champ.")
        dossier.refresh_from_db()
    elif form is not None and (pending := dossier.saisies_en_attente.get(etape)):
        form = _form_for(etape, dossier, data_with_pending(form, pending))
        form.is_valid()
    context = _context(dossier, etape, form, modifiables)
    context["vient_d_etre_enregistree"] = request.method == "GET" and "enregistree" in request.GET
    return render(request, f"projets/dossier/etape_{etape}.html", context)


def _step_closed(request, dossier, etape, modifiables):
    """A step the porteur may not change: while compléments are asked, back to the request, else to the space."""
    if dossier.etat == EtatDossier.COMPLEMENTS_DEMANDES and modifiables:
        titres = ", ".join(f"« {ETAPES_PAR_SLUG[slug].titre} »" for slug in modifiables)
        messages.info(
            request,
            f"L'étape « {ETAPES_PAR_SLUG[etape].titre} » ne fait pas partie des compléments demandés : elle reste "
            f"telle que vous l'avez déposée. Vous pouvez modifier : {titres}.",
        )
        return redirect("dossier_complements", pk=dossier.pk)
    messages.info(request, f"Ce dossier est « {dossier.get_etat_display()} » : il n'est plus modifiable.")
    return redirect("espace_porteur")


def _context(dossier, etape, form, modifiables):
    index = [e.slug for e in ETAPES].index(etape)
    ouvertes = [e for e in ETAPES if e.slug in modifiables]  # every step of a draft; the reopened ones else
    rang = ouvertes.index(ETAPES_PAR_SLUG[etape])
    avancement = dossier_avancement(dossier=dossier)
    context = {
        "dossier": dossier,
        "etape": ETAPES_PAR_SLUG[etape],
        "numero_etape": index + 1,
        "avancement": avancement,
        "manques_etape": next(a.manques for a in avancement if a.slug == etape),
        "form": form,
        "etape_suivante": ouvertes[rang + 1] if rang + 1 < len(ouvertes) else None,
        "etape_precedente": ouvertes[rang - 1] if rang else None,
        "totaux": dossier_totaux(dossier=dossier),
        "etapes_modifiables": modifiables,
        "demande": demande_complements_en_cours(dossier=dossier),
    }
    if etape == "pieces":
        context["documents"] = [d for d in documents_courants(porteur=dossier.porteur).values() if d]
        context["pieces"] = dossier.pieces_jointes.all()
        context["piece_form"] = PieceJointeForm()
    if etape == "attestation":
        context["depot_possible"] = campagne_accepte_depots(dossier.campagne, timezone.now())
    return context


def _next_step(etape, modifiables):
    """The next step the porteur may change, None after the last one."""
    suivantes = modifiables[modifiables.index(etape) + 1 :]
    return suivantes[0] if suivantes else None


def _now_hhmm():
    return timezone.localtime().strftime("%H:%M")


def _refused(request, error):
    if request.headers.get("X-Autosave"):
        return JsonResponse({"ok": False, "message": " ".join(error.messages)}, status=409)
    messages.error(request, " ".join(error.messages))
    return redirect("espace_porteur")


@login_required
@require_POST
@limites.par_compte
def dossier_deposer(request, pk):
    dossier = get_dossier_for_user(user=request.user, pk=pk, write=True)
    try:
        dossier_submit(dossier=dossier, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("dossier_etape", pk=dossier.pk, etape="attestation")
    messages.success(request, "Votre dossier est déposé. Le récépissé vous est envoyé par courriel.")
    return redirect("espace_porteur")


@login_required
def dossier_recepisse(request, pk):
    depot = get_depot_for_user(user=request.user, dossier_pk=pk)
    depot_ensure_recepisse(depot=depot)
    return serve_private_file(
        depot.recepisse, download_name=f"recepisse-{depot.dossier.numero}.pdf", content_type="application/pdf"
    )


@login_required
def dossier_retirer(request, pk):
    dossier = get_dossier_for_user(user=request.user, pk=pk, write=True)
    erreur = None
    if request.method == "POST":
        try:
            dossier_withdraw(dossier=dossier, by=request.user, motif=request.POST.get("motif", ""))
        except ValidationError as error:
            erreur = " ".join(error.messages)
        else:
            messages.success(request, f"Le dossier {dossier.numero} est retiré.")
            return redirect("espace_porteur")
    return render(
        request,
        "projets/dossier/retirer.html",
        {"dossier": dossier, "erreur": erreur, "motif": request.POST.get("motif", "")},
    )


@login_required
@require_POST
def dossier_reconduire(request, pk):
    source = get_dossier_for_user(user=request.user, pk=pk, write=True)
    campagne = campagne_ouverte()
    if campagne is None:
        messages.error(request, "Aucun appel à projets n'est ouvert : la reconduction n'est pas possible.")
        return redirect("espace_porteur")
    dossier = dossier_renew_from_bilan(source=source, campagne=campagne)
    messages.success(
        request, "Le dossier est prérempli à partir de celui de l'an dernier : relisez chaque étape, puis déposez-le."
    )
    return redirect("dossier_etape", pk=dossier.pk, etape="action")


@login_required
def dossier_complements(request, pk):
    """The pending compléments request, what still blocks, and "Renvoyer le dossier complété"."""
    dossier = get_dossier_for_user(user=request.user, pk=pk, write=True)
    demande = demande_complements_en_cours(dossier=dossier)
    if demande is None:
        messages.info(request, f"Aucun complément n'est demandé sur ce dossier (« {dossier.get_etat_display()} »).")
        return redirect("espace_porteur")
    erreurs = []
    if request.method == "POST":
        try:
            depot = complements_repondre(dossier=dossier, by=request.user)
        except ValidationError as error:
            erreurs = error.messages
        else:
            messages.success(
                request,
                f"Votre dossier complété est renvoyé au service politique de la ville (dépôt n° {depot.version}). "
                "Le nouveau récépissé vous est envoyé par courriel.",
            )
            return redirect("espace_porteur")
    modifiables = etapes_modifiables(dossier=dossier)
    avancement = dossier_avancement(dossier=dossier)
    context = {
        "dossier": dossier,
        "demande": demande,
        "erreurs": erreurs,
        "etapes": [a for a in avancement if a.slug in modifiables],
        "manques_ailleurs": [m for a in avancement if a.slug not in modifiables for m in a.manques],
    }
    return render(request, "projets/dossier/complements.html", context)
