"""Forms of the COTECH pages. Rules live in projets/services/cotech.py; these only parse input."""

from django import forms

from projets.enums import Avis
from projets.forms.dossier import DATE_WIDGET


class SeanceForm(forms.Form):
    date = forms.DateField(
        label="Date de la séance",
        widget=DATE_WIDGET,
        error_messages={
            "required": "Indiquez la date de la séance.",
            "invalid": "Saisissez une date comme 15/03/2027.",
        },
    )
    lieu = forms.CharField(label="Lieu", max_length=200, required=False)
    participants = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Participantes et participants ayant un compte",
    )
    autres_participants = forms.CharField(
        label="Autres participantes et participants",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Personnes sans compte sur la plateforme, une par ligne (nom et structure).",
    )
    compte_rendu = forms.CharField(label="Compte rendu", required=False, widget=forms.Textarea(attrs={"rows": 8}))

    def __init__(self, *args, participants_possibles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = participants_possibles
        self.fields["participants"].label_from_instance = lambda user: f"{user} ({user.organisation or user.email})"


class AjoutDossiersForm(forms.Form):
    dossiers = forms.ModelMultipleChoiceField(
        queryset=None,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        label="Dossiers à examiner",
        error_messages={"required": "Cochez au moins un dossier."},
    )

    def __init__(self, *args, dossiers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dossiers"].queryset = dossiers
        self.fields["dossiers"].label_from_instance = lambda d: f"{d.numero} – {d.intitule} ({d.porteur})"


class ExamenForm(forms.Form):
    avis = forms.ChoiceField(
        label="Avis collectif",
        choices=[("", "Pas encore rendu"), *Avis.choices],
        required=False,
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    commentaire = forms.CharField(
        label="Observations",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control form-control-sm"}),
    )
    # The values as loaded: a row someone else changed meanwhile is not silently overwritten.
    avis_lu = forms.CharField(required=False, widget=forms.HiddenInput)
    commentaire_lu = forms.CharField(required=False, strip=False, widget=forms.HiddenInput)
