"""Forms of the exchanges about a dossier: a message (text and an optional attachment), a private note.

They check shape only; the services (projets/services/echanges.py) check the file again and who writes.
"""

from django import forms
from django.conf import settings

from projets.forms.fichiers import _fichier_field
from projets.uploads import FORMATS_ACCEPTES, taille_lisible, validate_upload

LONGUEUR_MAX = 10_000


class MessageForm(forms.Form):
    prefix = "message"  # the staff page holds several forms: their fields keep distinct ids
    texte = forms.CharField(
        label="Message",
        max_length=LONGUEUR_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Écrivez votre message : il ne peut pas être vide.",
            "max_length": f"Le message est trop long : {LONGUEUR_MAX:_} caractères au plus.".replace("_", "\u00a0"),
        },
    )
    fichier = _fichier_field("Pièce jointe (facultative)")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fichier"].required = False
        limite = taille_lisible(settings.FILE_UPLOAD_MAX_SIZE)
        self.fields["fichier"].help_text = f"Un fichier au plus : {FORMATS_ACCEPTES} ; {limite} au plus."

    def clean_fichier(self):
        fichier = self.cleaned_data.get("fichier")
        if fichier:
            validate_upload(fichier)
        return fichier


class NoteInterneForm(forms.Form):
    prefix = "note"
    texte = forms.CharField(
        label="Note interne",
        max_length=LONGUEUR_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Écrivez la note : elle ne peut pas être vide.",
            "max_length": f"La note est trop longue : {LONGUEUR_MAX:_} caractères au plus.".replace("_", "\u00a0"),
        },
    )
