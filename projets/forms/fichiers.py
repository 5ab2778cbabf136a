"""Upload forms: the structure's standing documents and the attachments of a dossier.

The checks on the file itself (type by content, size) are `projets.uploads.validate_upload`, which the services
call again: the form only puts its message next to the field.
"""

from crispy_forms.helper import FormHelper
from django import forms
from django.conf import settings
from django.utils import timezone

from projets.enums import TypeDocument
from projets.uploads import ACCEPT, FORMATS_ACCEPTES, taille_lisible, validate_upload

FICHIER_VIDE = "Le fichier choisi est vide : vérifiez que vous avez choisi le bon fichier, puis déposez-le de nouveau."


def _fichier_field(label: str) -> forms.FileField:
    return forms.FileField(
        label=label,
        error_messages={
            "required": "Choisissez un fichier sur votre ordinateur.",
            "empty": FICHIER_VIDE,
            "invalid": "Le fichier n'a pas été reçu correctement : choisissez-le de nouveau.",
        },
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
    )


def _helper() -> FormHelper:
    """Fields only: each page writes its own <form> (action, hidden `next`, button)."""
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


class _UploadForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limite = taille_lisible(settings.FILE_UPLOAD_MAX_SIZE)
        self.fields["fichier"].help_text = f"{FORMATS_ACCEPTES} ; {limite} au plus."
        self.helper = _helper()

    def clean_fichier(self):
        fichier = self.cleaned_data["fichier"]
        validate_upload(fichier)
        return fichier


class DocumentPorteurForm(_UploadForm):
    type = forms.ChoiceField(
        label="Type de document",
        choices=[("", "Choisissez le document")] + TypeDocument.choices,
        error_messages={"required": "Choisissez de quel document il s'agit."},
    )
    # A text field read the French way: a browser date picker would show mm/dd/yyyy on an English system.
    date_document = forms.DateField(
        label="Date du document",
        input_formats=["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d"],
        help_text="Au format jj/mm/aaaa, par exemple 15/06/2024 : date d'adoption des statuts, d'approbation des "
        "comptes, de l'assemblée générale, d'édition du RIB…",
        error_messages={
            "required": "Indiquez la date du document, au format jj/mm/aaaa.",
            "invalid": "Indiquez une date au format jj/mm/aaaa, par exemple 15/06/2024.",
        },
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    fichier = _fichier_field("Fichier")

    def clean_date_document(self):
        date_document = self.cleaned_data["date_document"]
        if date_document > timezone.localdate():
            raise forms.ValidationError(
                "La date du document ne peut pas être dans le futur : indiquez celle où il a été adopté ou établi.",
                code="date_future",
            )
        return date_document


class PieceJointeForm(_UploadForm):
    libelle = forms.CharField(
        label="Intitulé de la pièce",
        max_length=200,
        help_text="Par exemple : devis du prestataire, lettre de soutien d'un partenaire.",
        error_messages={
            "required": "Donnez un intitulé à la pièce, par exemple « Devis du prestataire ».",
            "max_length": "L'intitulé est trop long : 200 caractères au plus.",
        },
    )
    fichier = _fichier_field("Fichier")
