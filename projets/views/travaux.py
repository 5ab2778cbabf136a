"""Generation jobs of the COPIL's documents, for the staff: launch, JSON status (polled by static/js/travail.js)
and permission-checked download. The jobs themselves are listed in the admin (projets/admin_travaux.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from contratville.identifiants import pk_ou_404
from projets.enums import StatutTravail, TypeTravail
from projets.models import Seance, Travail
from projets.selectors import campagnes_visibles
from projets.selectors_travaux import get_travail_for_user, libelle_progression
from projets.services.travaux import ACTIFS, travail_lancer
from projets.views.fichiers import serve_private_file

TYPES_MIME = {"pdf": "application/pdf", "zip": "application/zip"}


def _require_staff(user, perm: str = "projets.view_travail") -> None:
    if not (user.is_active and user.is_staff and user.has_perm(perm)):
        raise PermissionDenied("Réservé à l'équipe du contrat de ville et aux partenaires du comité.")


def nom_du_fichier(travail: Travail) -> str:
    extension = travail.fichier.name.rsplit(".", 1)[-1] if travail.fichier else "pdf"
    if travail.type == TypeTravail.PROGRAMMATION:
        return f"programmation-{travail.campagne.annee}.{extension}"
    prefixe = "proces-verbal" if travail.type == TypeTravail.PROCES_VERBAL else "lettres-de-decision"
    return f"{prefixe}-{travail.seance.date:%Y-%m-%d}.{extension}"


def statut_du_travail(travail: Travail) -> dict:
    duree = travail.duree
    return {
        "statut": travail.statut,
        "statut_libelle": travail.get_statut_display(),
        "progression": travail.progression,
        "etape": travail.etape,
        "texte": libelle_progression(travail),
        "erreur": travail.erreur,
        "tentatives": travail.tentatives,
        "actif": travail.statut in ACTIFS,
        "duree_secondes": round(duree.total_seconds(), 1) if duree else None,
        "telecharger": reverse("travail_telecharger", args=[travail.pk])
        if travail.statut == StatutTravail.REUSSI
        else None,
    }


@require_GET
def statut(request, pk):
    if not request.user.is_authenticated:  # a polling script gets a status, not the login page
        return JsonResponse({"erreur": "Connectez-vous pour suivre ce document."}, status=403)
    _require_staff(request.user)
    return JsonResponse(statut_du_travail(get_travail_for_user(user=request.user, pk=pk)))


@login_required
def telecharger(request, pk):
    _require_staff(request.user)
    travail = get_travail_for_user(user=request.user, pk=pk)
    if travail.statut != StatutTravail.REUSSI:
        raise Http404("Le document n'est pas encore prêt.")
    extension = travail.fichier.name.rsplit(".", 1)[-1]
    return serve_private_file(
        travail.fichier, download_name=nom_du_fichier(travail), content_type=TYPES_MIME.get(extension, "")
    )


@login_required
@require_POST
def lancer(request):
    """Launch (or join) the generation of a document, then follow it on its admin page."""
    _require_staff(request.user, "projets.add_travail")
    type_travail = request.POST.get("type", "")
    if type_travail not in TypeTravail.values:
        raise Http404("Document inconnu.")
    campagnes = campagnes_visibles(user=request.user)
    campagne = seance = None
    if type_travail == TypeTravail.PROGRAMMATION:
        campagne = get_object_or_404(campagnes, pk=pk_ou_404(request.POST.get("campagne")))
    else:
        seance = get_object_or_404(
            Seance.objects.filter(campagne__in=campagnes).select_related("comite"),
            pk=pk_ou_404(request.POST.get("seance")),
        )
    try:
        travail = travail_lancer(type=type_travail, campagne=campagne, seance=seance, par=request.user)
    except ValidationError as erreur:
        messages.error(request, " ".join(erreur.messages))
        retour = request.POST.get("retour", "")
        if not url_has_allowed_host_and_scheme(retour, allowed_hosts={request.get_host()}):
            retour = reverse("admin:projets_travail_changelist")  # never redirect off-site
        return redirect(retour)
    if travail.statut == StatutTravail.REUSSI:
        messages.success(request, "Les données n'ont pas changé : voici le document déjà produit.")
    else:
        messages.info(request, "Le document est en préparation ; cette page suit sa progression.")
    return redirect(reverse("admin:projets_travail_change", args=[travail.pk]))
