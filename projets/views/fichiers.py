"""Uploads and permission-checked downloads of porteurs' files (documents, attachments)."""

import unicodedata
from urllib.parse import quote, urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from projets.forms.fichiers import DocumentPorteurForm, PieceJointeForm
from projets.selectors import (
    documents_par_type,
    get_document_porteur_for_user,
    get_dossier_for_user,
    get_piece_jointe_for_user,
    get_porteur_for_user,
)
from projets.selectors_travaux import travaux_lettres_du_dossier
from projets.services.fichiers import document_porteur_add, piece_jointe_add, piece_jointe_delete
from projets.services.lettres import lettre_de_travail, nom_de_telechargement
from projets.uploads import sanitize_filename


def content_disposition(download_name: str) -> str:
    """`attachment` with an ASCII fallback and the exact name in RFC 5987 form (accents, spaces)."""
    name = sanitize_filename(download_name)
    lettres = (c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))  # é → e
    fallback = "".join(c if c.isascii() and (c.isalnum() or c in " .-_()") else "_" for c in lettres)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def serve_private_file(field_file, *, download_name: str, content_type: str) -> FileResponse:
    """A private file as a download, never cached and never sniffed into something the browser would run."""
    if not field_file:
        raise Http404("Fichier introuvable.")
    try:
        handle = field_file.storage.open(field_file.name, "rb")
    except FileNotFoundError as error:
        raise Http404("Fichier introuvable.") from error
    response = FileResponse(handle, content_type=content_type, as_attachment=True, filename=download_name)
    response["Content-Disposition"] = content_disposition(download_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _safe_next(request) -> str:
    """The `next` parameter if it is a path on this site ("/espace-porteur/…"), else an empty string."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    if not url.startswith("/"):
        return ""
    hosts = {request.get_host()}
    return url if url_has_allowed_host_and_scheme(url, allowed_hosts=hosts, require_https=request.is_secure()) else ""


@login_required
def documents_porteur(request, porteur_pk):
    porteur = get_porteur_for_user(user=request.user, pk=porteur_pk)
    retour = _safe_next(request)
    data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    form = DocumentPorteurForm(data, files, initial={"type": request.GET.get("type", "")})
    if request.method == "POST" and form.is_valid():
        try:
            document = document_porteur_add(porteur=porteur, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"Document enregistré : {document.get_type_display()} du {document.date_document:%d/%m/%Y}. "
                "Il est repris dans tous vos dossiers jusqu'à ce que vous le remplaciez.",
            )
            url = reverse("documents_porteur", args=[porteur.pk])
            return redirect(f"{url}?{urlencode({'next': retour})}" if retour else url)
    return render(
        request,
        "projets/documents_porteur.html",
        {"porteur": porteur, "documents": documents_par_type(porteur=porteur), "form": form, "retour": retour},
    )


@login_required
def document_porteur_telecharger(request, pk):
    document = get_document_porteur_for_user(user=request.user, pk=pk)
    return serve_private_file(document.fichier, download_name=document.nom_original, content_type=document.type_mime)


@login_required
def piece_jointe_telecharger(request, pk):
    piece = get_piece_jointe_for_user(user=request.user, pk=pk)
    return serve_private_file(piece.fichier, download_name=piece.nom_original, content_type=piece.type_mime)


@login_required
@require_POST
def piece_jointe_ajouter(request, dossier_pk):
    dossier = get_dossier_for_user(user=request.user, pk=dossier_pk, write=True)
    form = PieceJointeForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            piece = piece_jointe_add(dossier=dossier, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"La pièce « {piece.libelle} » est jointe au dossier.")
            return redirect(_safe_next(request) or "espace_porteur")
    retour = _safe_next(request)
    return render(
        request,
        "projets/piece_jointe_erreur.html",
        {"dossier": dossier, "form": form, "next": retour, "retour": retour or reverse("espace_porteur")},
    )


@login_required
@require_POST
def piece_jointe_supprimer(request, pk):
    piece = get_piece_jointe_for_user(user=request.user, pk=pk, write=True)
    try:
        piece_jointe_delete(piece=piece, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"La pièce « {piece.libelle} » est supprimée du dossier.")
    return redirect(_safe_next(request) or "espace_porteur")


@login_required
def lettre_decision_telecharger(request, dossier_pk):
    """The latest decision letter covering the dossier, for the members of its porteur only (404 otherwise)."""
    dossier = get_dossier_for_user(user=request.user, pk=dossier_pk, write=True)
    for travail in travaux_lettres_du_dossier(dossier=dossier):
        pdf = lettre_de_travail(travail=travail, porteur_id=dossier.porteur_id)
        if pdf:
            response = HttpResponse(pdf, content_type="application/pdf")
            response["Content-Disposition"] = content_disposition(nom_de_telechargement(travail, dossier.porteur))
            response["X-Content-Type-Options"] = "nosniff"
            response["Cache-Control"] = "private, no-store"
            return response
    raise Http404("Aucune lettre de décision pour ce dossier.")
