"""Forms of the instruction back-office. Rules live in projets/services/instruction.py; these only parse input."""

import datetime

from django import forms
from django.utils import timezone

from projets.enums import Avis, ElementComplement
from projets.forms.dossier import DATE_WIDGET, TEXTE, MontantField
from projets.models import ControleRecevabilite


class ReferentForm(forms.Form):
    referent = forms.ModelChoiceField(queryset=None, required=False, label="Référent", empty_label="Personne")

    def __init__(self, *args, referents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["referent"].queryset = referents
        self.fields["referent"].label_from_instance = lambda user: f"{user} ({user.organisation or user.email})"


class RecevabiliteForm(forms.ModelForm):
    class Meta:
        model = ControleRecevabilite
        fields = [*ControleRecevabilite.CRITERES, "commentaire"]
        widgets = {"commentaire": forms.Textarea(attrs={"rows": 2})}


class ComplementsForm(forms.Form):
    elements = forms.MultipleChoiceField(
        label="Éléments à compléter",
        choices=ElementComplement.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Seules ces parties du dossier seront modifiables par la structure.",
        error_messages={"required": "Cochez au moins un élément à compléter."},
    )
    message = forms.CharField(
        label="Message à la structure",
        widget=forms.Textarea(attrs=TEXTE),
        error_messages={"required": "Écrivez à la structure ce qui manque."},
    )
    date_limite = forms.DateField(
        label="À compléter avant le",
        widget=DATE_WIDGET,
        error_messages={"required": "Indiquez une date limite.", "invalid": "Saisissez une date comme 15/03/2027."},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"date_limite": timezone.localdate() + datetime.timedelta(days=15)})
        super().__init__(*args, **kwargs)


class MotifForm(forms.Form):
    motif = forms.CharField(
        label="Motif d'irrecevabilité (envoyé à la structure)",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Indiquez le motif : il est envoyé à la structure."},
    )


class AvisLigneForm(forms.Form):
    avis = forms.ChoiceField(label="Avis", choices=[("", "—"), *Avis.choices], required=False)
    montant_propose = MontantField(label="Montant proposé", required=False)
    commentaire = forms.CharField(label="Motivation", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput)


class AnalyseForm(forms.Form):
    """One score (0–3) and comment per criterion of the campagne's grille, plus the synthesis for the COPIL."""

    NOTES = [("", "—"), ("0", "0"), ("1", "1"), ("2", "2"), ("3", "3")]

    synthese = forms.CharField(label="Synthèse pour le COPIL", required=False, widget=forms.Textarea(attrs=TEXTE))
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, criteres, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteres = list(criteres)
        for critere in self.criteres:
            # Rendered in a table whose headers already say "note" and "commentaire": labels are for screen readers.
            self.fields[f"note_{critere.pk}"] = forms.TypedChoiceField(
                label=f"{critere.libelle} – note",
                choices=self.NOTES,
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.Select(attrs={"class": "form-select"}),
            )
            self.fields[f"commentaire_{critere.pk}"] = forms.CharField(
                label=f"{critere.libelle} – commentaire",
                required=False,
                widget=forms.Textarea(attrs={"rows": 1, "class": "form-control"}),
            )

    def lignes(self):
        """(criterion, [score field, comment field]) for the template's table."""
        return [(c, [self[f"note_{c.pk}"], self[f"commentaire_{c.pk}"]]) for c in self.criteres]

    def notes(self) -> dict:
        return {
            c: (self.cleaned_data[f"note_{c.pk}"], self.cleaned_data[f"commentaire_{c.pk}"]) for c in self.criteres
        }
