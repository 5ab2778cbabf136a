"""Forms of the conseil citoyen pages. Rules live in conseil_citoyen/services; these only parse input."""

from django import forms

from conseil_citoyen.enums import InstanceDesignation, Reponse, RoleDesignation, StatutDemandeFPH
from conseil_citoyen.models import DemandeFPH
from projets.enums import Avis
from projets.forms.dossier import MontantField


class ImportListeForm(forms.Form):
    source = forms.CharField(label="Liste d'origine (bailleur, fichier…)", max_length=200)
    fichier = forms.FileField(
        label="Fichier CSV",
        help_text="Une personne par ligne : nom;prénom;adresse;sexe (F ou H);secteur, encodé en UTF-8.",
    )

    def clean_fichier(self):
        fichier = self.cleaned_data["fichier"]
        try:
            return fichier.read().decode("utf-8")
        except UnicodeDecodeError as erreur:
            raise forms.ValidationError("Le fichier doit être un CSV encodé en UTF-8.") from erreur


class TirageForm(forms.Form):
    graine = forms.CharField(
        label="Graine tirée en séance",
        max_length=64,
        required=False,
        help_text="Par exemple les numéros tirés par les témoins ; laissez vide pour que l'application la tire.",
    )


class ReponseForm(forms.Form):
    reponse = forms.ChoiceField(label="Réponse", choices=Reponse.choices)
    reponse_le = forms.DateField(label="Reçue le", widget=forms.DateInput(format="%d/%m/%Y"))


class AvisForm(forms.Form):
    dossier = forms.ModelChoiceField(queryset=None, label="Dossier")
    avis = forms.ChoiceField(label="Avis", choices=Avis.choices)
    texte = forms.CharField(label="Avis motivé", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, dossiers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dossier"].queryset = dossiers
        self.fields["dossier"].label_from_instance = lambda d: f"{d.numero} – {d.intitule} ({d.porteur})"


class DesignationForm(forms.Form):
    membre = forms.ModelChoiceField(queryset=None, label="Membre")
    organe = forms.ChoiceField(label="Instance", choices=InstanceDesignation.choices)
    role = forms.ChoiceField(label="Rôle", choices=RoleDesignation.choices)
    annee = forms.IntegerField(label="Année", min_value=2000, max_value=2100)

    def __init__(self, *args, membres, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membre"].queryset = membres


class DecisionFPHForm(forms.Form):
    demande = forms.ModelChoiceField(queryset=None, label="Demande")
    statut = forms.ChoiceField(
        label="Décision",
        choices=[(StatutDemandeFPH.ACCORDEE.value, "Accordée"), (StatutDemandeFPH.REFUSEE, "Refusée")],
    )
    montant_accorde = MontantField(label="Montant accordé", required=False)
    motif = forms.CharField(label="Motif", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, demandes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["demande"].queryset = demandes


class DemandeFPHForm(forms.ModelForm):
    """The public form: a residents' micro-project."""

    class Meta:
        model = DemandeFPH
        fields = ["titre", "description", "porteurs", "email", "montant_demande"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}
        error_messages = {
            "titre": {"required": "Donnez un titre à votre projet."},
            "description": {"required": "Décrivez votre projet en quelques lignes."},
            "porteurs": {"required": "Indiquez qui porte le projet."},
            "email": {
                "required": "Indiquez une adresse pour vous répondre.",
                "invalid": "Cette adresse n'est pas valide.",
            },
        }

    montant_demande = MontantField(
        label="Montant demandé", error_messages={"required": "Indiquez le montant demandé."}, min_value=1
    )
