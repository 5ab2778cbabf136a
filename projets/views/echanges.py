"""Messages between the instruction and the porteur, and the instruction's private notes.

Staff write from the staff page of the dossier (a refused post renders that page again with the bound form);
the porteur reads and answers from a page of the porteur space. Attachments are served after a permission check.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from projets.forms.echanges import MessageForm, NoteInterneForm
from projets.selectors_echanges import get_dossier_depose_for_membre, get_piece_message_for_user, messages_du_dossier
from projets.services.echanges import message_instruction_send, message_porteur_send, note_interne_add
from projets.views.fichiers import serve_private_file
from projets.views.instruction_dossier import _done, _get_dossier, _page, _refused


@login_required
@require_POST
def instruction_message(request, pk):
    dossier = _get_dossier(request, pk)
    form = MessageForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, dossier, form_message=form)
    try:
        message_instruction_send(dossier=dossier, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        return _refused(request, dossier, error, form, "form_message")
    return _done(request, dossier, "Message envoyé : la structure est prévenue par courriel.", "#messages")


@login_required
@require_POST
def instruction_note(request, pk):
    dossier = _get_dossier(request, pk)
    form = NoteInterneForm(request.POST)
    if not form.is_valid():
        return _page(request, dossier, form_note=form)
    try:
        note_interne_add(dossier=dossier, by=request.user, texte=form.cleaned_data["texte"])
    except ValidationError as error:
        return _refused(request, dossier, error, form, "form_note")
    return _done(request, dossier, "Note interne enregistrée.", "#notes")


@login_required
def dossier_messages(request, pk):
    """The porteur's side of the thread: read the messages of a submitted dossier and answer."""
    dossier = get_dossier_depose_for_membre(user=request.user, pk=pk)
    form = MessageForm(request.POST, request.FILES) if request.method == "POST" else MessageForm()
    if request.method == "POST" and form.is_valid():
        try:
            message_porteur_send(dossier=dossier, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            for champ, erreurs in getattr(error, "error_dict", {None: error.error_list}).items():
                form.add_error(champ if champ in form.fields else None, erreurs)
        else:
            messages.success(request, "Message envoyé au service politique de la ville.")
            return redirect(f"{reverse('dossier_messages', args=[dossier.pk])}#repondre")
    return render(
        request,
        "projets/dossier_messages.html",
        {"dossier": dossier, "fil_messages": list(messages_du_dossier(dossier=dossier)), "form": form},
    )


@login_required
def piece_message_telecharger(request, pk):
    piece = get_piece_message_for_user(user=request.user, pk=pk)
    return serve_private_file(piece.fichier, download_name=piece.nom_original, content_type=piece.type_mime)
