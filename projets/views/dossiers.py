"""The dossier wizard of the porteur space: one page per step, saved on each change, then submission."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

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
from projets.models import Depot
from projets.rules import campagne_accepte_depots
from projets.selectors import campagne_ouverte, documents_courants, get_dossier_for_user, porteurs_de
from projets.selectors_dossier import dossier_avancement, dossier_totaux
from projets.services.depots import depot_ensure_recepisse
from projets.services.dossiers import (
    dossier_create,
    dossier_renew,
    dossier_save_budget,
    dossier_save_egalite,
    dossier_save_step,
    dossier_submit,
    dossier_withdraw,
)
from projets.views.fichiers import serve_private_file
from projets.workflows import ETATS_MODIFIABLES

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
    if dossier.etat not in ETATS_MODIFIABLES:
        messages.info(request, f"Ce dossier est « {dossier.get_etat_display()} » : il n'est plus modifiable.")
        return redirect("espace_porteur")
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
                {"erreurs": form.errors, "heure": _now_hhmm(), "version": dossier.modifie_le.isoformat()}
            )
        if not form.errors:
            messages.success(request, f"Étape « {ETAPES_PAR_SLUG[etape].titre} » enregistrée.")
            suivante = _next_step(etape) if "continuer" in request.POST else etape
            return redirect("dossier_etape", pk=dossier.pk, etape=suivante)
        messages.error(request, "Certaines valeurs sont à corriger : elles sont signalées sous chaque champ.")
        dossier.refresh_from_db()
    elif form is not None and (pending := dossier.saisies_en_attente.get(etape)):
        form = _form_for(etape, dossier, data_with_pending(form, pending))
        form.is_valid()
    return render(request, f"projets/dossier/etape_{etape}.html", _context(dossier, etape, form))


def _context(dossier, etape, form):
    index = [e.slug for e in ETAPES].index(etape)
    context = {
        "dossier": dossier,
        "etape": ETAPES_PAR_SLUG[etape],
        "numero_etape": index + 1,
        "avancement": dossier_avancement(dossier=dossier),
        "form": form,
        "etape_suivante": ETAPES[index + 1] if index + 1 < len(ETAPES) else None,
        "etape_precedente": ETAPES[index - 1] if index else None,
        "totaux": dossier_totaux(dossier=dossier),
    }
    if etape == "pieces":
        context["documents"] = [d for d in documents_courants(porteur=dossier.porteur).values() if d]
        context["pieces"] = dossier.pieces_jointes.all()
        context["piece_form"] = PieceJointeForm()
    if etape == "attestation":
        context["depot_possible"] = campagne_accepte_depots(dossier.campagne, timezone.now())
    return context


def _next_step(etape):
    slugs = [e.slug for e in ETAPES]
    return slugs[min(slugs.index(etape) + 1, len(slugs) - 1)]


def _now_hhmm():
    return timezone.localtime().strftime("%H:%M")


def _refused(request, error):
    if request.headers.get("X-Autosave"):
        return JsonResponse({"ok": False, "message": " ".join(error.messages)}, status=409)
    messages.error(request, " ".join(error.messages))
    return redirect("espace_porteur")


@login_required
@require_POST
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
    dossier = get_dossier_for_user(user=request.user, pk=pk)
    depot = Depot.objects.filter(dossier=dossier).select_related("dossier").order_by("-version").first()
    if depot is None:
        raise Http404("Ce dossier n'a pas encore été déposé.")
    depot_ensure_recepisse(depot=depot)
    return serve_private_file(
        depot.recepisse, download_name=f"recepisse-{dossier.numero}.pdf", content_type="application/pdf"
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
    dossier = dossier_renew(source=source, campagne=campagne)
    messages.success(
        request, "Le dossier est prérempli à partir de celui de l'an dernier : relisez chaque étape, puis déposez-le."
    )
    return redirect("dossier_etape", pk=dossier.pk, etape="action")
