"""One form per step of the dossier wizard. Every field is optional while drafting: completeness is checked
at submission (projets/selectors_dossier.py), so a half-filled step always saves."""

from django import forms
from django.core.validators import MaxValueValidator
from django.db import models

from enjeux.models import AxeStrategique, ObjectifOperationnel, Quartier
from projets.enums import CompteBudget
from projets.models import Dossier
from projets.selectors_dossier import comptes_du_budget, financeurs_proposes, questions_egalite_du_dossier

# A text field in the French format rather than the browser's picker, whose format follows the system language.
DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "jj/mm/aaaa", "autocomplete": "off"})
TEXTE = {"rows": 4}
MONTANT = {"inputmode": "decimal", "autocomplete": "off", "class": "form-control text-end montant"}


class MontantField(forms.DecimalField):
    """Euros as people type them: "1 500", "1500,50", "1 500,50 €" (never a browser number input that
    silently drops what it cannot parse)."""

    widget = forms.TextInput(attrs=MONTANT)
    default_error_messages = {
        "invalid": "Saisissez un montant en euros, par exemple 1500 ou 1 500,50.",
        "min_value": "Le montant ne peut pas être négatif.",
        "max_digits": "Ce montant est trop élevé.",
        "max_decimal_places": "Indiquez au plus deux chiffres après la virgule (les centimes).",
    }

    def __init__(self, **kwargs):
        kwargs.update(max_digits=12, decimal_places=2, localize=True)
        kwargs.setdefault("min_value", 0)
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("€", "").replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
            value = value.replace(",", ".")
        return super().to_python(value)


def partial_values(form: forms.Form) -> tuple[dict, dict]:
    """Split a bound form into (valid cleaned values, raw input of the invalid fields) for a partial save."""
    form.is_valid()
    valeurs = {name: value for name, value in form.cleaned_data.items() if name not in form.errors}
    en_attente = {}
    for name in form.errors:
        if name in form.fields:
            widget = form.fields[name].widget
            multiple = isinstance(widget, forms.SelectMultiple | forms.CheckboxSelectMultiple)
            en_attente[name] = form.data.getlist(name) if multiple else form.data.get(name, "")
    return valeurs, en_attente


def data_with_pending(form: forms.Form, pending: dict) -> dict:
    """The form's current values as submitted data, overlaid with the raw input still to correct."""
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(field.widget, forms.CheckboxSelectMultiple | forms.SelectMultiple):
            data[name] = [str(v) for v in (value or [])]
        elif isinstance(field.widget, forms.CheckboxInput):
            data[name] = "on" if value else ""
        else:
            data[name] = "" if value is None else value
    return {**data, **pending}


class ChoixMultiples(forms.ModelMultipleChoiceField):
    """Django queries whatever identifier is posted: one beyond a 64-bit integer crashes the database driver
    (OverflowError, DataError) instead of being refused like any unknown choice."""

    def _check_values(self, value):
        for pk in value or []:
            if str(pk).strip().isdigit() and int(str(pk).strip()) > 2**63 - 1:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super()._check_values(value)


class OptionalModelForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.required = False
            if type(field) is forms.IntegerField and field.max_value is None:
                # PostgreSQL bounds integers, SQLite does not: the same French message on both.
                petit = isinstance(
                    self._meta.model._meta.get_field(name), models.SmallIntegerField | models.PositiveSmallIntegerField
                )
                field.max_value = 32_767 if petit else 2_147_483_647
                field.validators.append(MaxValueValidator(field.max_value))


class ActionForm(OptionalModelForm):
    class Meta:
        model = Dossier
        fields = [
            "intitule", "objectifs", "description", "date_debut", "date_fin", "lieux",
            "moyens_humains", "moyens_materiels", "partenaires", "evaluation",
        ]  # fmt: skip
        widgets = {
            "date_debut": DATE_WIDGET,
            "date_fin": DATE_WIDGET,
            **{
                name: forms.Textarea(attrs=TEXTE)
                for name in ("objectifs", "lieux", "moyens_humains", "moyens_materiels", "partenaires", "evaluation")
            },
            "description": forms.Textarea(attrs={"rows": 8}),
        }
        error_messages = {
            name: {"invalid": "Saisissez une date au format jj/mm/aaaa, par exemple 01/03/2031."}
            for name in ("date_debut", "date_fin")
        }
        help_texts = {
            "date_debut": "Au format jj/mm/aaaa.",
            "date_fin": "Au format jj/mm/aaaa.",
            "objectifs": "Ce que l'action veut changer pour les habitantes et habitants.",
            "evaluation": "Indicateurs suivis (nombre de participantes et participants, sorties positives…).",
        }

    def clean(self):
        cleaned = super().clean()
        debut, fin = cleaned.get("date_debut"), cleaned.get("date_fin")
        if debut and fin and fin < debut:
            self.add_error("date_fin", "La date de fin doit être postérieure à la date de début.")
        return cleaned


class PublicForm(OptionalModelForm):
    class Meta:
        model = Dossier
        fields = ["public_cible", "public_nombre", "age_min", "age_max", "quartiers"]
        widgets = {"public_cible": forms.Textarea(attrs=TEXTE), "quartiers": forms.CheckboxSelectMultiple}
        field_classes = {"quartiers": ChoixMultiples}
        labels = {"age_min": "Âge minimum (facultatif)", "age_max": "Âge maximum (facultatif)"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quartiers"].queryset = Quartier.objects.filter(
            contrat=self.instance.campagne.contrat, actif=True
        ).order_by("type", "nom")

    def clean(self):
        cleaned = super().clean()
        age_min, age_max = cleaned.get("age_min"), cleaned.get("age_max")
        if age_min is not None and age_max is not None and age_max < age_min:
            self.add_error("age_max", "L'âge maximum doit être supérieur ou égal à l'âge minimum.")
        return cleaned


class AxeChoiceField(ChoixMultiples):
    def label_from_instance(self, axe):
        return f"{axe.code} – {axe.titre}"


class OrientationsForm(OptionalModelForm):
    axes = AxeChoiceField(
        queryset=AxeStrategique.objects.none(), widget=forms.CheckboxSelectMultiple, label="Axes stratégiques"
    )

    class Meta:
        model = Dossier
        fields = ["axes", "objectifs_operationnels", "priorites_operationnelles", "priorites_transversales"]
        field_classes = dict.fromkeys(fields[1:], ChoixMultiples)
        widgets = {
            "objectifs_operationnels": forms.CheckboxSelectMultiple,
            "priorites_operationnelles": forms.CheckboxSelectMultiple,
            "priorites_transversales": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        campagne = self.instance.campagne
        self.fields["axes"].required = False
        self.fields["axes"].queryset = AxeStrategique.objects.filter(enjeu__contrat=campagne.contrat).select_related(
            "enjeu"
        )
        self.fields["objectifs_operationnels"].queryset = ObjectifOperationnel.objects.filter(
            axe__enjeu__contrat=campagne.contrat, annee=campagne.annee
        ).select_related("axe__enjeu")
        self.fields["priorites_operationnelles"].queryset = campagne.priorites_operationnelles.all()
        self.fields["priorites_transversales"].queryset = campagne.priorites_transversales.all()

    @property
    def axes_par_enjeu(self):
        """The axe checkboxes grouped under their enjeu, in order."""
        groupes = {}
        for case in self["axes"]:
            axe = case.data["value"].instance
            groupes.setdefault(axe.enjeu, []).append(case)
        return list(groupes.items())


class AttestationForm(OptionalModelForm):
    class Meta:
        model = Dossier
        fields = ["signataire_nom", "signataire_qualite", "montant_atteste", "attestation_honneur", "contact_public"]
        field_classes = {"montant_atteste": MontantField}
        widgets = {"contact_public": forms.Textarea(attrs={"rows": 2})}
        help_texts = {
            "contact_public": "Facultatif. Si l'action est financée, ce contact sera publié sur le site avec elle "
            "(par exemple un téléphone ou une adresse d'accueil de la structure, pas une adresse personnelle).",
        }
        labels = {
            "contact_public": "Contact à publier avec l'action",
            "montant_atteste": "Montant total de la subvention demandée (en euros)",
            "attestation_honneur": (
                "Je déclare sur l'honneur que la structure est à jour de ses obligations sociales et fiscales, "
                "que les informations de ce dossier sont exactes et que la subvention, si elle est accordée, "
                "sera versée sur le compte bancaire de la structure."
            ),
        }


class EgaliteForm(forms.Form):
    """Q1–Q5: femmes and/or hommes for Q1–Q3, oui or non for Q4–Q5, each with optional precisions."""

    def __init__(self, *args, dossier: Dossier, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions_egalite_du_dossier())
        existantes = {r.question_id: r for r in dossier.reponses_egalite.all()}
        for question in self.questions:
            reponse = existantes.get(question.pk)
            choices = [(c, c.capitalize()) for c in question.choix]
            if question.choix_multiples:
                field = forms.MultipleChoiceField(choices=choices, widget=forms.CheckboxSelectMultiple)
            else:
                field = forms.ChoiceField(choices=choices, widget=forms.RadioSelect)
            field.required = False
            field.label = f"Q{question.numero}. {question.texte}"
            field.initial = (
                (reponse.choix if question.choix_multiples else (reponse.choix or [""])[0]) if reponse else None
            )
            self.fields[f"q{question.numero}"] = field
            self.fields[f"q{question.numero}_precisions"] = forms.CharField(
                label="Précisions (facultatif)",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=reponse.precisions if reponse else "",
            )

    @property
    def paires(self):
        """(answer field, precisions field) per question, for the template."""
        return [(self[f"q{q.numero}"], self[f"q{q.numero}_precisions"]) for q in self.questions]

    def reponses(self, valeurs: dict) -> dict:
        result = {}
        for question in self.questions:
            key = f"q{question.numero}"
            if key in valeurs:
                choix = valeurs[key]
                choix = list(choix) if question.choix_multiples else ([choix] if choix else [])
                result[question] = (choix, valeurs.get(f"{key}_precisions", ""))
        return result


class BudgetForm(forms.Form):
    """Charges and produits per CERFA account, and the subvention asked from each financeur (account 74)."""

    def __init__(self, *args, dossier: Dossier, **kwargs):
        super().__init__(*args, **kwargs)
        montants = {ligne.compte: ligne.montant for ligne in dossier.lignes_budget.all()}
        demandes = {ligne.financeur_id: ligne.montant_demande for ligne in dossier.lignes_financement.all()}
        charges, produits = comptes_du_budget()
        self.comptes_charges = [self._montant(f"compte_{c.value}", c.label, montants.get(c.value)) for c in charges]
        self.comptes_produits = [self._montant(f"compte_{c.value}", c.label, montants.get(c.value)) for c in produits]
        self.financeurs = financeurs_proposes(dossier=dossier)
        self.subventions = [
            self._montant(
                f"financeur_{f.pk}", f.nom, demandes.get(f.pk), nature=f.get_nature_display(), appel=f.appel_a_projets
            )  # fmt: skip
            for f in self.financeurs
        ]

    def _montant(self, name, label, initial, nature="", appel=True):
        self.fields[name] = MontantField(label=label, required=False, initial=initial)
        return {"name": name, "nature": nature, "appel": appel}

    def split(self, valeurs: dict):
        comptes = {c.value: valeurs[f"compte_{c.value}"] for c in CompteBudget if f"compte_{c.value}" in valeurs}
        financements = {f: valeurs[f"financeur_{f.pk}"] for f in self.financeurs if f"financeur_{f.pk}" in valeurs}
        return comptes, financements
