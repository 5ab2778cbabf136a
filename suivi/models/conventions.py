"""What the city signs and pays after the vote: conventions, their yearly amounts, payments, and the action's
real dates (or its cancellation)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from projets.models import Dossier, Financeur, LigneFinancement, Porteur
from projets.models.fields import montant_field
from projets.storage import private_storage, random_name
from suivi.enums import TypeConvention, TypeVersement

# A pluriannual convention covers at most four years (circulaire du 29 septembre 2015, CPO).
DUREE_MAXIMALE_ANNEES = 4


def convention_upload_to(instance, filename):
    return random_name("conventions", filename)


class Convention(models.Model):
    """The agreement with a porteur for one or more funded dossiers, annual or over up to four years."""

    numero = models.CharField("numéro", max_length=30, unique=True)
    porteur = models.ForeignKey(Porteur, on_delete=models.PROTECT, related_name="conventions")
    dossiers = models.ManyToManyField(Dossier, related_name="conventions", verbose_name="dossiers couverts")
    type = models.CharField("type", max_length=20, choices=TypeConvention.choices, default=TypeConvention.ANNUELLE)
    annee_debut = models.PositiveSmallIntegerField("première année")
    annee_fin = models.PositiveSmallIntegerField("dernière année")
    objet = models.TextField("objet", blank=True)
    date_signature = models.DateField("signée le", null=True, blank=True)
    fichier = models.FileField(
        "convention (PDF)", storage=private_storage, upload_to=convention_upload_to, max_length=200, blank=True
    )
    cree_le = models.DateTimeField("créée le", auto_now_add=True)
    cree_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="créée par"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "convention"
        ordering = ["-annee_debut", "numero"]
        constraints = [
            models.CheckConstraint(condition=Q(annee_fin__gte=F("annee_debut")), name="convention_annees_ordonnees"),
            models.CheckConstraint(
                condition=Q(annee_fin__lte=F("annee_debut") + (DUREE_MAXIMALE_ANNEES - 1)),
                name="convention_quatre_ans_au_plus",
            ),
            models.CheckConstraint(
                condition=~Q(type=TypeConvention.ANNUELLE) | Q(annee_fin=F("annee_debut")),
                name="convention_annuelle_sur_un_an",
            ),
        ]

    def __str__(self):
        return f"Convention {self.numero} – {self.porteur}"

    @property
    def annees(self) -> range:
        return range(self.annee_debut, self.annee_fin + 1)


class EngagementAnnuel(models.Model):
    """What a financeur commits for one year of a convention (year 1 is the vote; later years are indicative
    until the COPIL of that year votes them)."""

    convention = models.ForeignKey(Convention, on_delete=models.CASCADE, related_name="engagements")
    annee = models.PositiveSmallIntegerField("année")
    financeur = models.ForeignKey(Financeur, on_delete=models.PROTECT, related_name="engagements")
    montant = montant_field("montant")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "engagement annuel"
        verbose_name_plural = "engagements annuels"
        ordering = ["convention", "annee", "financeur__ordre"]
        constraints = [
            models.UniqueConstraint(fields=["convention", "annee", "financeur"], name="engagement_unique"),
            models.CheckConstraint(condition=Q(montant__gte=0), name="engagement_montant_positif"),
        ]

    def __str__(self):
        return f"{self.convention.numero} {self.annee} – {self.financeur}"


class Versement(models.Model):
    """One scheduled payment on a financeur line: planned amount and date, then what was paid and when."""

    ligne = models.ForeignKey(LigneFinancement, on_delete=models.PROTECT, related_name="versements")
    type = models.CharField("type", max_length=10, choices=TypeVersement.choices)
    montant_prevu = montant_field("montant prévu")
    date_prevue = models.DateField("date prévue", null=True, blank=True)
    montant_verse = montant_field("montant versé", null=True, blank=True)
    date_versement = models.DateField("versé le", null=True, blank=True)
    reference = models.CharField("référence du mandat", max_length=60, blank=True)
    saisi_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField("version", default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "versement"
        ordering = ["ligne", "date_prevue", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(montant_prevu__gte=0) & (Q(montant_verse__isnull=True) | Q(montant_verse__gte=0)),
                name="versement_montants_positifs",
            ),
            models.CheckConstraint(
                condition=Q(montant_verse__isnull=True, date_versement__isnull=True)
                | Q(montant_verse__isnull=False, date_versement__isnull=False),
                name="versement_montant_et_date_ensemble",
            ),
            models.UniqueConstraint(
                fields=["ligne", "type"],
                condition=~Q(type=TypeVersement.ACOMPTE),
                name="une_avance_un_solde_par_ligne",
            ),
        ]

    def __str__(self):
        return f"{self.get_type_display()} – {self.ligne}"

    @property
    def est_verse(self) -> bool:
        return self.date_versement is not None


class SuiviAction(models.Model):
    """The action's real dates, and its cancellation (the dossier workflow has no cancelled state)."""

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="suivi_action")
    debut_reel = models.DateField("début réel", null=True, blank=True)
    fin_reelle = models.DateField("fin réelle", null=True, blank=True)
    annulee_le = models.DateField("annulée le", null=True, blank=True)
    motif_annulation = models.TextField("motif de l'annulation", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "suivi de l'action"
        verbose_name_plural = "suivis des actions"
        constraints = [
            models.CheckConstraint(
                condition=Q(fin_reelle__isnull=True) | Q(debut_reel__isnull=True) | Q(fin_reelle__gte=F("debut_reel")),
                name="suivi_dates_ordonnees",
            ),
            models.CheckConstraint(
                condition=Q(annulee_le__isnull=True) | ~Q(motif_annulation=""), name="annulation_motivee"
            ),
        ]

    def __str__(self):
        return f"Suivi – {self.dossier}"
