"""Forms of the COPIL séance in the admin. Rules live in projets/services/copil.py; these only parse input."""

from django import forms

from projets.enums import Decision
from projets.forms.dossier import MontantField


class DecisionForm(forms.Form):
    """One financeur line of the vote grid; `version` is the decision's version when the page was loaded."""

    decision = forms.ChoiceField(label="Décision", choices=[("", "À décider"), *Decision.choices], required=False)
    montant_vote = MontantField(label="Montant voté", required=False)
    motif = forms.CharField(label="Motif", max_length=2000, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, decision, **kwargs):
        initial = {
            "decision": decision.decision,
            "montant_vote": decision.montant_vote,
            "motif": decision.motif,
            "version": decision.version,
        }
        super().__init__(*args, initial=initial, prefix=f"l{decision.pk}", **kwargs)
        self.decision = decision
        libelle = f"{decision.ligne.financeur} – dossier {decision.ligne.dossier.numero}"
        for field in self.fields.values():
            field.widget.attrs["aria-label"] = f"{field.label} : {libelle}"
        self.fields["montant_vote"].widget.attrs.update(
            {"class": "vote-montant", "data-financeur": decision.ligne.financeur_id, "size": 11}
        )
        self.fields["decision"].widget.attrs["class"] = "vote-decision"
        self.fields["motif"].widget.attrs["size"] = 24

    def a_change(self) -> bool:
        return any(name in self.changed_data for name in ("decision", "montant_vote", "motif"))


class ClotureForm(forms.Form):
    confirmer_depassement = forms.BooleanField(
        label="Je confirme la clôture malgré le dépassement d'enveloppe indiqué ci-dessus.", required=False
    )


class AmendementForm(forms.Form):
    decision = forms.ChoiceField(label="Nouvelle décision", choices=Decision.choices)
    montant_vote = MontantField(label="Montant voté", required=False)
    motif = forms.CharField(
        label="Motif de la décision (envoyé à la structure en cas de refus)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    motif_amendement = forms.CharField(
        label="Motif de l'amendement",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Un amendement doit être motivé : indiquez pourquoi la décision change."},
    )


class ConflitForm(forms.Form):
    dossier = forms.ModelChoiceField(queryset=None, label="Dossier")
    membre = forms.ModelChoiceField(queryset=None, label="Membre qui se déporte")
    motif = forms.CharField(
        label="Nature du conflit d'intérêts",
        max_length=300,
        error_messages={"required": "Indiquez la nature du conflit d'intérêts."},
    )

    def __init__(self, *args, dossiers, membres, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dossier"].queryset = dossiers
        self.fields["dossier"].label_from_instance = lambda d: f"{d.numero} – {d.intitule} ({d.porteur})"
        self.fields["membre"].queryset = membres
