"""The bilan of a funded action (content of the CERFA 15059 compte rendu financier) and its reminders."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from enjeux.models import Quartier
from projets.enums import CompteBudget
from projets.models import Dossier, Financeur, QuestionEgalite, Seance
from projets.models.fields import montant_field
from suivi.enums import EtatBilan, PalierRelance

# Age brackets of the publics reached (field name, label), in the order of the form and the reports.
TRANCHES_AGE = [
    ("age_0_11", "0 à 11 ans"),
    ("age_12_17", "12 à 17 ans"),
    ("age_18_25", "18 à 25 ans"),
    ("age_26_64", "26 à 64 ans"),
    ("age_65_plus", "65 ans et plus"),
]


def _nombre(label):
    return models.PositiveIntegerField(label, null=True, blank=True)


class Bilan(models.Model):
    """What the porteur reports once the action is over: done vs planned, publics, budget réalisé, Q6."""

    dossier = models.OneToOneField(Dossier, on_delete=models.PROTECT, related_name="bilan")
    etat = models.CharField("état", max_length=20, choices=EtatBilan.choices, default=EtatBilan.BROUILLON)
    date_limite = models.DateField("à déposer avant le")
    realisation = models.TextField("ce qui a été réalisé", blank=True)
    ecarts = models.TextField("écarts avec ce qui était prévu", blank=True)
    date_debut_reelle = models.DateField("début réel de l'action", null=True, blank=True)
    date_fin_reelle = models.DateField("fin réelle de l'action", null=True, blank=True)
    lieux = models.TextField("lieux de réalisation", blank=True)
    public_femmes = _nombre("femmes et filles")
    public_hommes = _nombre("hommes et garçons")
    age_0_11 = _nombre("de 0 à 11 ans")
    age_12_17 = _nombre("de 12 à 17 ans")
    age_18_25 = _nombre("de 18 à 25 ans")
    age_26_64 = _nombre("de 26 à 64 ans")
    age_65_plus = _nombre("de 65 ans et plus")
    public_hors_quartiers = _nombre("personnes hors des quartiers de la politique de la ville")
    evaluation = models.TextField("évaluation au regard des critères prévus", blank=True)
    difficultes = models.TextField("difficultés rencontrées", blank=True)
    perspectives = models.TextField("suites envisagées", blank=True)
    version = models.PositiveIntegerField("version", default=1)
    modifie_le = models.DateTimeField("modifié le", auto_now=True)
    depose_le = models.DateTimeField("déposé le", null=True, blank=True)
    depose_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    valide_le = models.DateTimeField("validé le", null=True, blank=True)
    valide_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    commentaire_suivi = models.TextField("observations du service", blank=True)
    seance_copil = models.ForeignKey(
        Seance,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bilans_valides",
        verbose_name="présenté au COPIL du",
    )
    history = HistoricalRecords(excluded_fields=["modifie_le"])

    class Meta:
        verbose_name = "bilan"
        ordering = ["date_limite", "dossier__numero"]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_fin_reelle__isnull=True)
                | Q(date_debut_reelle__isnull=True)
                | Q(date_fin_reelle__gte=F("date_debut_reelle")),
                name="bilan_dates_ordonnees",
            ),
            models.CheckConstraint(
                condition=~Q(etat=EtatBilan.VALIDE) | Q(valide_le__isnull=False), name="bilan_valide_date"
            ),
        ]

    def __str__(self):
        return f"Bilan – {self.dossier}"

    @property
    def public_total(self) -> int | None:
        if self.public_femmes is None and self.public_hommes is None:
            return None
        return (self.public_femmes or 0) + (self.public_hommes or 0)


class BilanQuartier(models.Model):
    """People reached who live in one quartier of the contract."""

    bilan = models.ForeignKey(Bilan, on_delete=models.CASCADE, related_name="quartiers")
    quartier = models.ForeignKey(Quartier, on_delete=models.PROTECT, related_name="+")
    nombre = models.PositiveIntegerField("personnes touchées")

    class Meta:
        verbose_name = "public d'un quartier"
        verbose_name_plural = "publics par quartier"
        ordering = ["bilan", "quartier__nom"]
        constraints = [models.UniqueConstraint(fields=["bilan", "quartier"], name="bilan_quartier_unique")]

    def __str__(self):
        return f"{self.quartier} : {self.nombre}"


class BilanLigneBudget(models.Model):
    """One line of the budget réalisé: an account of the budget, or the subsidy of one financeur of the call."""

    bilan = models.ForeignKey(Bilan, on_delete=models.CASCADE, related_name="lignes_budget")
    compte = models.CharField("compte", max_length=4, choices=CompteBudget.choices, blank=True)
    financeur = models.ForeignKey(Financeur, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    prevu = montant_field("prévu")
    realise = montant_field("réalisé", null=True, blank=True)
    explication = models.TextField("explication de l'écart", blank=True)

    class Meta:
        verbose_name = "ligne du budget réalisé"
        verbose_name_plural = "lignes du budget réalisé"
        ordering = ["bilan", "compte", "financeur__ordre"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(compte="") & Q(financeur__isnull=False)) | (~Q(compte="") & Q(financeur__isnull=True)),
                name="bilan_ligne_compte_ou_financeur",
            ),
            models.UniqueConstraint(
                fields=["bilan", "compte"], condition=~Q(compte=""), name="bilan_un_montant_par_compte"
            ),
            models.UniqueConstraint(
                fields=["bilan", "financeur"], condition=Q(financeur__isnull=False), name="bilan_un_par_financeur"
            ),
            models.CheckConstraint(
                condition=Q(prevu__gte=0) & (Q(realise__isnull=True) | Q(realise__gte=0)),
                name="bilan_montants_positifs",
            ),
        ]

    def __str__(self):
        return self.libelle

    @property
    def libelle(self) -> str:
        return f"74 – Subvention {self.financeur}" if self.financeur_id else self.get_compte_display()


class BilanReponseEgalite(models.Model):
    """The answer to a gender-equality question asked at bilan time (Q6)."""

    bilan = models.ForeignKey(Bilan, on_delete=models.CASCADE, related_name="reponses_egalite")
    question = models.ForeignKey(QuestionEgalite, on_delete=models.PROTECT, related_name="+")
    choix = models.JSONField("réponse", default=list, blank=True)
    precisions = models.TextField("précisions", blank=True)

    class Meta:
        verbose_name = "réponse égalité du bilan"
        verbose_name_plural = "réponses égalité des bilans"
        constraints = [models.UniqueConstraint(fields=["bilan", "question"], name="bilan_une_reponse_par_question")]

    def __str__(self):
        return f"Q{self.question.numero} – {self.bilan}"


class Relance(models.Model):
    """A reminder sent about a bilan: one per dossier, step and due date, so the beat never sends it twice."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="relances_bilan")
    palier = models.CharField("moment", max_length=10, choices=PalierRelance.choices)
    echeance = models.DateField("échéance du bilan")
    envoyee_le = models.DateTimeField("envoyée le")
    destinataires = models.JSONField("destinataires", default=list)

    class Meta:
        verbose_name = "relance de bilan"
        verbose_name_plural = "relances de bilan"
        ordering = ["dossier", "envoyee_le"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "palier", "echeance"], name="une_relance_par_palier")
        ]

    def __str__(self):
        return f"{self.get_palier_display()} – {self.dossier}"
