from django import forms
from django.core.validators import MaxLengthValidator

from projets.forms.dossier import DATE_WIDGET, MontantField
from projets.models import Porteur
from projets.validators import compact_identifier


class HttpsURLField(forms.URLField):
    """A web address typed without its scheme gets https:// (Django 6's default, chosen now)."""

    def __init__(self, **kwargs):
        super().__init__(assume_scheme="https", **kwargs)


# The organisation profile, grouped as on the CERFA 12156 (fiche 1); entered once, reused every year.
SECTIONS_PORTEUR = [
    ("Identification", ["raison_sociale", "sigle", "forme_juridique", "siret", "rna", "annee_creation",
                        "objet_social"]),
    ("Adresses et contacts", ["adresse", "code_postal", "commune", "correspondance_adresse",
                              "correspondance_code_postal", "correspondance_commune", "email", "telephone",
                              "site_web"]),
    ("Représentant ou représentante légale", ["representant_nom", "representant_qualite", "representant_email",
                                              "representant_telephone"]),
    ("Personne chargée du dossier", ["responsable_nom", "responsable_fonction", "responsable_email",
                                     "responsable_telephone"]),
    ("Agréments et affiliations", ["agrements", "utilite_publique", "utilite_publique_date", "affiliations"]),
    ("Moyens humains et budget", ["nombre_adherents", "nombre_benevoles", "nombre_volontaires", "nombre_salaries",
                                  "salaries_etpt", "budget_annuel", "budget_annuel_exercice"]),
    ("Présentation publique", ["presentation"]),
]  # fmt: skip


class PorteurForm(forms.ModelForm):
    class Meta:
        model = Porteur
        fields = [name for _, names in SECTIONS_PORTEUR for name in names]
        field_classes = {"budget_annuel": MontantField, "site_web": HttpsURLField}
        widgets = {
            "objet_social": forms.Textarea(attrs={"rows": 3}),
            "agrements": forms.Textarea(attrs={"rows": 2}),
            "affiliations": forms.Textarea(attrs={"rows": 2}),
            "presentation": forms.Textarea(attrs={"rows": 5}),
            "utilite_publique_date": DATE_WIDGET,
            "siret": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        }
        help_texts = {
            "siret": "14 chiffres, sur l'avis de situation INSEE. Les espaces sont acceptés.",
            "rna": "W suivi de 9 caractères, sur le récépissé de la préfecture (associations).",
            "presentation": "Publiée avec vos actions financées : présentez la structure en quelques phrases.",
            "site_web": "Par exemple https://www.association.fr",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("siret", "rna"):  # people type spaces and dots: the length is checked once compacted
            field = self.fields[name]
            field.max_length = None
            field.validators = [v for v in field.validators if not isinstance(v, MaxLengthValidator)]
            field.widget.attrs.pop("maxlength", None)
        self.sections = [(titre, [self[name] for name in names]) for titre, names in SECTIONS_PORTEUR]

    def clean_siret(self):
        siret = compact_identifier(self.cleaned_data["siret"])
        if siret and Porteur.objects.filter(siret=siret).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                "Une structure avec ce SIRET est déjà inscrite. Demandez à l'une de ses personnes gestionnaires "
                "de vous inviter depuis son espace.",
                code="siret_deja_inscrit",
            )
        return siret

    def clean_rna(self):
        rna = compact_identifier(self.cleaned_data["rna"])
        if rna and Porteur.objects.filter(rna=rna).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                "Une structure avec ce numéro RNA est déjà inscrite. Demandez à l'une de ses personnes "
                "gestionnaires de vous inviter depuis son espace.",
                code="rna_deja_inscrit",
            )
        return rna
