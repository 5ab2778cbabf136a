"""Forms of the suivi: shape only (numbers, dates, required motives); the rules are in suivi/rules.py and the
services, which report what is missing in French."""

from django import forms
from django.utils import timezone

from projets.forms.dossier import DATE_WIDGET, TEXTE, MontantField
from suivi.enums import FormatRapport, TypeIndicateur, TypeRapport
from suivi.models import TRANCHES_AGE, Bilan
from suivi.rules import valeur_indicateur_erreur
from suivi.templatetags.suivi_formats import nombre_fr

DATE_INVALIDE = "Saisissez une date au format jj/mm/aaaa, par exemple 15/03/2031."
NOMBRE = {"inputmode": "numeric", "autocomplete": "off", "class": "form-control text-end"}
NOMBRE_ERREURS = {
    "invalid": "Saisissez un nombre entier de personnes, par exemple 12.",
    "min_value": "Pas moins de 0.",
}


class ValeurField(MontantField):
    """A number as people type it ("1 250", "12,5"), for an indicator's value or target."""

    default_error_messages = {
        "invalid": "Saisissez un nombre, par exemple 12 ou 12,5.",
        "min_value": "Une valeur d'indicateur ne peut pas être négative.",
        "max_digits": "Ce nombre est trop grand.",
        "max_decimal_places": "Indiquez au plus deux chiffres après la virgule.",
    }


class BilanForm(forms.ModelForm):
    """The bilan's own fields, plus one field per budget line, quartier and bilan question (named by id)."""

    class Meta:
        model = Bilan
        fields = [
            "realisation",
            "ecarts",
            "date_debut_reelle",
            "date_fin_reelle",
            "lieux",
            "public_femmes",
            "public_hommes",
            *[nom for nom, _ in TRANCHES_AGE],
            "public_hors_quartiers",
            "evaluation",
            "difficultes",
            "perspectives",
        ]
        widgets = {
            "realisation": forms.Textarea(attrs={"rows": 6}),
            "date_debut_reelle": DATE_WIDGET,
            "date_fin_reelle": DATE_WIDGET,
            **{
                nom: forms.Textarea(attrs=TEXTE)
                for nom in ("ecarts", "lieux", "evaluation", "difficultes", "perspectives")
            },
            **{
                nom: forms.TextInput(attrs=NOMBRE)
                for nom in ("public_femmes", "public_hommes", "public_hors_quartiers")
            },
            **{nom: forms.TextInput(attrs=NOMBRE) for nom, _ in TRANCHES_AGE},
        }
        error_messages = {
            "date_debut_reelle": {"invalid": DATE_INVALIDE},
            "date_fin_reelle": {"invalid": DATE_INVALIDE},
            **{nom: NOMBRE_ERREURS for nom in ("public_femmes", "public_hommes", "public_hors_quartiers")},
            **{nom: NOMBRE_ERREURS for nom, _ in TRANCHES_AGE},
        }
        help_texts = {
            "realisation": "Les activités menées, leur nombre, leur fréquence, au regard de ce que prévoyait "
            "le dossier.",
            "ecarts": "Ce qui n'a pas pu être fait ou a été fait autrement, et pourquoi.",
            "evaluation": "Les résultats au regard des critères d'évaluation et des indicateurs prévus.",
            "public_hors_quartiers": "Les personnes qui n'habitent dans aucun des quartiers listés ci-dessous.",
        }

    def __init__(self, *args, lignes, quartiers, questions, reponses, indicateurs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.lignes, self.quartiers, self.questions = lignes, quartiers, questions
        self.indicateurs = list(indicateurs)
        for indicateur, valeur in self.indicateurs:
            unite = indicateur.unite or indicateur.get_type_display()
            self.fields[f"indicateur_{indicateur.pk}"] = ValeurField(
                label=f"{indicateur.libelle} ({unite})",
                required=False,
                initial=valeur.valeur if valeur else None,
                help_text=f"Cible : {nombre_fr(valeur.cible)}" if valeur and valeur.cible is not None else "",
            )
        for ligne in lignes:
            self.fields[f"realise_{ligne.pk}"] = MontantField(
                label=f"Réalisé : {ligne.libelle}", required=False, initial=ligne.realise
            )
            self.fields[f"explication_{ligne.pk}"] = forms.CharField(
                label=f"Explication de l'écart : {ligne.libelle}",
                required=False,
                initial=ligne.explication,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        for quartier, nombre in quartiers:
            self.fields[f"quartier_{quartier.pk}"] = forms.IntegerField(
                label=f"Habitantes et habitants de {quartier}",
                required=False,
                min_value=0,
                initial=nombre,
                widget=forms.TextInput(attrs=NOMBRE),
                error_messages=NOMBRE_ERREURS,
            )
        for question in questions:
            reponse = reponses.get(question.pk)
            self.fields[f"egalite_{question.pk}"] = forms.ChoiceField(
                label=f"Q{question.numero}. {question.texte}",
                required=False,
                choices=[(c, c.capitalize()) for c in question.choix],
                widget=forms.RadioSelect,
                initial=(reponse.choix or [""])[0] if reponse else None,
            )
            self.fields[f"egalite_precisions_{question.pk}"] = forms.CharField(
                label=f"Précisions sur la question {question.numero}",
                required=False,
                initial=reponse.precisions if reponse else "",
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    # Bound fields grouped for the template (dynamic names cannot be built there).
    def champs_ages(self):
        return [self[nom] for nom, _ in TRANCHES_AGE]

    def champs_budget(self):
        return [(ligne, self[f"realise_{ligne.pk}"], self[f"explication_{ligne.pk}"]) for ligne in self.lignes]

    def champs_quartiers(self):
        return [self[f"quartier_{quartier.pk}"] for quartier, _ in self.quartiers]

    def champs_indicateurs(self):
        return [self[f"indicateur_{indicateur.pk}"] for indicateur, _ in self.indicateurs]

    def champs_egalite(self):
        return [(self[f"egalite_{q.pk}"], self[f"egalite_precisions_{q.pk}"]) for q in self.questions]

    def clean(self):
        donnees = super().clean()
        debut, fin = donnees.get("date_debut_reelle"), donnees.get("date_fin_reelle")
        if debut and fin and fin < debut:
            self.add_error("date_fin_reelle", "La fin de l'action ne peut pas précéder son début.")
        for indicateur, _ in self.indicateurs:
            nom = f"indicateur_{indicateur.pk}"
            message = valeur_indicateur_erreur(type_indicateur=indicateur.type, valeur=donnees.get(nom))
            if message:
                self.add_error(nom, message)
        return donnees

    def valeurs(self) -> dict:
        return {nom: self.cleaned_data[nom] for nom in self.Meta.fields}

    def budget(self) -> dict:
        return {
            ligne.pk: (self.cleaned_data[f"realise_{ligne.pk}"], self.cleaned_data[f"explication_{ligne.pk}"].strip())
            for ligne in self.lignes
        }

    def publics_quartiers(self) -> dict:
        return {quartier.pk: self.cleaned_data[f"quartier_{quartier.pk}"] for quartier, _ in self.quartiers}

    def valeurs_indicateurs(self) -> dict:
        return {i.pk: self.cleaned_data[f"indicateur_{i.pk}"] for i, _ in self.indicateurs}

    def egalite(self) -> dict:
        return {
            q.pk: (
                [self.cleaned_data[f"egalite_{q.pk}"]] if self.cleaned_data[f"egalite_{q.pk}"] else [],
                self.cleaned_data[f"egalite_precisions_{q.pk}"].strip(),
            )
            for q in self.questions
        }


class VersementForm(forms.Form):
    montant = MontantField(label="Montant versé", error_messages={"required": "Indiquez le montant versé."})
    date_versement = forms.DateField(
        label="Versé le",
        widget=DATE_WIDGET,
        error_messages={"required": "Indiquez la date du versement.", "invalid": DATE_INVALIDE},
    )
    reference = forms.CharField(label="Référence du mandat", required=False, max_length=60)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, versement=None, **kwargs):
        if versement is not None:
            kwargs.setdefault(
                "initial",
                {
                    "montant": versement.montant_prevu,
                    "date_versement": timezone.localdate(),
                    "version": versement.version,
                },
            )
            kwargs.setdefault("prefix", f"v{versement.pk}")
        super().__init__(*args, **kwargs)


class SignatureForm(forms.Form):
    date_signature = forms.DateField(
        label="Signée le",
        widget=DATE_WIDGET,
        error_messages={"required": "Indiquez la date de signature.", "invalid": DATE_INVALIDE},
    )


class ConventionForm(forms.Form):
    annee_fin = forms.IntegerField(
        label="Dernière année couverte",
        required=False,
        help_text="Laissez vide pour une convention annuelle ; jusqu'à 3 ans de plus pour une convention "
        "pluriannuelle.",
        error_messages={"invalid": "Saisissez une année, par exemple 2032."},
    )


class RenvoiForm(forms.Form):
    motif = forms.CharField(
        label="Ce que la structure doit compléter (envoyé par courriel)",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Indiquez ce que la structure doit compléter ou corriger."},
    )


class ValidationForm(forms.Form):
    commentaire = forms.CharField(
        label="Observations (envoyées à la structure)", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class RapportForm(forms.Form):
    """Which report, in which format, for which year; the service checks the combination and the year."""

    type = forms.ChoiceField(
        label="Rapport", choices=TypeRapport.choices, error_messages={"required": "Choisissez un rapport."}
    )
    format = forms.ChoiceField(
        label="Format",
        choices=FormatRapport.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choisissez un format.", "invalid_choice": "Choisissez un format de la liste."},
    )
    annee = forms.TypedChoiceField(
        label="Année de programmation", coerce=int, error_messages={"required": "Choisissez une année."}
    )

    def __init__(self, *args, annees: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["annee"].choices = [(a, str(a)) for a in annees]


class ImportForm(forms.Form):
    fichier = forms.FileField(
        label="Tableur des années passées (CSV ou XLSX, 5 Mo au plus)",
        error_messages={"required": "Choisissez le fichier à importer."},
    )

    def clean_fichier(self):
        fichier = self.cleaned_data["fichier"]
        if not fichier.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError("Choisissez un fichier CSV ou XLSX (enregistrez le tableur sous l'un d'eux).")
        if fichier.size > 5 * 1024 * 1024:
            raise forms.ValidationError("Le fichier dépasse 5 Mo : découpez-le par année.")
        return fichier


class IndicateurForm(forms.Form):
    """A new indicator; `rattachement` is "objectif-<pk>" or "action-<pk>" among the year's."""

    libelle = forms.CharField(
        label="Ce que mesure l'indicateur",
        max_length=400,
        error_messages={"required": "Indiquez ce que mesure l'indicateur."},
    )
    type = forms.ChoiceField(label="Type", choices=TypeIndicateur.choices, initial=TypeIndicateur.NOMBRE)
    unite = forms.CharField(label="Unité", max_length=60, required=False, help_text="Personnes, séances, places…")
    service = forms.CharField(label="Service ou institution qui le renseigne", max_length=200, required=False)
    rattachement = forms.ChoiceField(
        label="Objectif opérationnel ou action mesuré",
        error_messages={
            "required": "Choisissez l'objectif opérationnel ou l'action que l'indicateur mesure.",
            "invalid_choice": "Choisissez un objectif ou une action de la liste.",
        },
    )

    def __init__(self, *args, objectifs, actions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rattachement"].choices = [
            ("", "—"),
            ("Objectifs opérationnels", [(r.cle, r.libelle) for r in objectifs]),
            ("Actions financées", [(r.cle, r.libelle) for r in actions]),
        ]


class ValeurIndicateurForm(forms.Form):
    annee = forms.IntegerField(
        label="Année",
        error_messages={"required": "Indiquez l'année.", "invalid": "Saisissez une année, par exemple 2031."},
    )
    cible = ValeurField(label="Cible", required=False)
    valeur = ValeurField(label="Valeur atteinte", required=False)
    commentaire = forms.CharField(label="Commentaire", required=False, widget=forms.Textarea(attrs={"rows": 2}))


def _date(label: str, requis: str) -> forms.DateField:
    return forms.DateField(
        label=label, widget=DATE_WIDGET, error_messages={"required": requis, "invalid": DATE_INVALIDE}
    )


class DebutActionForm(forms.Form):
    debut = _date("Début réel de l'action", "Indiquez la date à laquelle l'action a commencé.")


class FinActionForm(forms.Form):
    fin = _date("Fin réelle de l'action", "Indiquez la date à laquelle l'action s'est terminée.")


class AnnulationForm(forms.Form):
    le = _date("Annulée le", "Indiquez la date de l'annulation.")
    motif = forms.CharField(
        label="Motif de l'annulation",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Indiquez pourquoi l'action est annulée."},
    )


class AnneeConventionForm(forms.Form):
    dossier = forms.ModelChoiceField(
        label="Dossier voté pour une année suivante de la convention",
        queryset=None,
        empty_label="Choisissez un dossier",
        error_messages={
            "required": "Choisissez le dossier de l'année à ajouter.",
            "invalid_choice": "Choisissez un dossier de la liste.",
        },
    )

    def __init__(self, *args, dossiers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dossier"].queryset = dossiers
        self.fields["dossier"].label_from_instance = lambda d: f"{d.campagne.annee} – {d.numero} {d.intitule}"


class PresentationCopilForm(forms.Form):
    seance = forms.ModelChoiceField(
        label="Séance du comité de pilotage",
        queryset=None,
        empty_label="Choisissez une séance",
        error_messages={
            "required": "Choisissez la séance du COPIL.",
            "invalid_choice": "Choisissez une séance de la liste.",
        },
    )
    bilans = forms.ModelMultipleChoiceField(
        label="Bilans validés à présenter",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Cochez au moins un bilan validé.",
            "invalid_choice": "Un des bilans cochés n'est plus à présenter : rechargez la page.",
            "invalid_pk_value": "Un des bilans cochés n'est plus à présenter : rechargez la page.",
        },
    )

    def __init__(self, *args, seances, bilans, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seance"].queryset = seances
        self.fields["bilans"].queryset = bilans
        self.fields["bilans"].label_from_instance = lambda b: (
            f"{b.dossier.numero} {b.dossier.intitule} – {b.dossier.porteur} (validé le {b.valide_le:%d/%m/%Y})"
        )
