from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from enjeux.models import AxeStrategique, ObjectifOperationnel, Quartier
from projets.enums import Avis, CompteBudget, EtatDossier, NatureFinancement
from projets.models.campagnes import (
    Campagne,
    Financeur,
    PrioriteOperationnelle,
    PrioriteTransversaleCampagne,
    QuestionEgalite,
    Volet,
)
from projets.models.fields import FichierPrive, montant_field
from projets.models.porteurs import Porteur
from projets.storage import private_storage, random_name


class Dossier(models.Model):
    """One action for which a porteur asks funding in a campagne."""

    campagne = models.ForeignKey(Campagne, on_delete=models.PROTECT, related_name="dossiers")
    porteur = models.ForeignKey(Porteur, on_delete=models.PROTECT, related_name="dossiers")
    numero = models.CharField("numéro", max_length=20, unique=True, null=True, blank=True, help_text="CV-2027-0042")
    intitule = models.CharField("intitulé de l'action", max_length=300)
    description = models.TextField("description", blank=True)
    objectifs = models.TextField("objectifs de l'action", blank=True)
    public_cible = models.TextField("public cible", blank=True)
    public_nombre = models.PositiveIntegerField("nombre de personnes visées", null=True, blank=True)
    age_min = models.PositiveSmallIntegerField("âge minimum", null=True, blank=True)
    age_max = models.PositiveSmallIntegerField("âge maximum", null=True, blank=True)
    quartiers = models.ManyToManyField(Quartier, blank=True, related_name="dossiers", verbose_name="quartiers")
    axes = models.ManyToManyField(AxeStrategique, related_name="dossiers", verbose_name="axes stratégiques")
    objectifs_operationnels = models.ManyToManyField(
        ObjectifOperationnel, blank=True, related_name="dossiers", verbose_name="objectifs opérationnels"
    )
    priorites_operationnelles = models.ManyToManyField(
        PrioriteOperationnelle, blank=True, related_name="dossiers", verbose_name="priorités opérationnelles"
    )
    priorites_transversales = models.ManyToManyField(
        PrioriteTransversaleCampagne, blank=True, related_name="dossiers", verbose_name="priorités transversales"
    )
    date_debut = models.DateField("début de l'action", null=True, blank=True)
    date_fin = models.DateField("fin de l'action", null=True, blank=True)
    lieux = models.TextField("lieux de réalisation", blank=True)
    moyens_humains = models.TextField("moyens humains mobilisés", blank=True)
    moyens_materiels = models.TextField("moyens matériels mobilisés", blank=True)
    partenaires = models.TextField("partenaires de l'action", blank=True)
    evaluation = models.TextField("méthode d'évaluation et indicateurs", blank=True)
    # Attestations (CERFA 12156, fiche 7).
    signataire_nom = models.CharField("nom de la personne signataire", max_length=150, blank=True)
    signataire_qualite = models.CharField("qualité de la personne signataire", max_length=100, blank=True)
    montant_atteste = montant_field("montant total demandé, tel qu'attesté", null=True, blank=True)
    attestation_honneur = models.BooleanField("déclaration sur l'honneur", default=False)
    # Raw input that did not validate yet, per step, so that a reload shows it again instead of losing it.
    saisies_en_attente = models.JSONField("saisies à corriger", default=dict, blank=True, editable=False)
    volet = models.ForeignKey(
        Volet, on_delete=models.PROTECT, null=True, blank=True, related_name="dossiers", verbose_name="volet public"
    )
    etat = models.CharField("état", max_length=30, choices=EtatDossier.choices, default=EtatDossier.BROUILLON)
    publie = models.BooleanField("publié sur le site", default=False)
    # What the public site, the API, the open data and the programmation show once the COPIL decided: a later
    # rename of the structure shows in its own space and to staff only (projets/services/copil.py records it).
    porteur_nom_decision = models.CharField(
        "nom de la structure à la décision", max_length=250, blank=True, editable=False
    )
    contact_public = models.TextField("contact publié", blank=True)
    reconduit_de = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reconductions",
        verbose_name="reconduction de",
    )
    referent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dossiers_suivis",
        verbose_name="référent instructeur",
    )
    synthese = models.TextField("synthèse pour le COPIL", blank=True)
    version = models.PositiveIntegerField("version", default=1, help_text="Incrémentée à chaque écriture concurrente.")
    cree_le = models.DateTimeField("créé le", auto_now_add=True)
    modifie_le = models.DateTimeField("modifié le", auto_now=True)
    depose_le = models.DateTimeField("déposé le", null=True, blank=True)
    history = HistoricalRecords(m2m_fields=[quartiers, axes], excluded_fields=["saisies_en_attente", "modifie_le"])

    class Meta:
        verbose_name = "dossier"
        ordering = ["-campagne__annee", "porteur__raison_sociale", "intitule"]
        indexes = [models.Index(fields=["campagne", "etat"], name="dossier_campagne_etat")]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_fin__isnull=True) | Q(date_debut__isnull=True) | Q(date_fin__gte=F("date_debut")),
                name="dossier_dates_ordonnees",
            ),
            models.CheckConstraint(
                condition=Q(age_max__isnull=True) | Q(age_min__isnull=True) | Q(age_max__gte=F("age_min")),
                name="dossier_ages_ordonnes",
            ),
        ]

    def __str__(self):
        return self.intitule

    def get_instruction_url(self) -> str:
        return reverse("instruction_dossier", args=[self.pk])

    @property
    def nom_porteur_public(self) -> str:
        """The structure's name as published: the one recorded at the COPIL's decision, else the current one."""
        return self.porteur_nom_decision or self.porteur.raison_sociale


class LigneFinancement(models.Model):
    """What a dossier asks one financeur, what the instruction proposes and what the COPIL votes."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="lignes_financement")
    financeur = models.ForeignKey(Financeur, on_delete=models.PROTECT, related_name="lignes_financement")
    nature = models.CharField("nature des crédits", max_length=30, choices=NatureFinancement.choices)
    montant_demande = montant_field("montant demandé", default=Decimal("0"))
    montant_propose = montant_field("montant proposé", null=True, blank=True)
    montant_vote = montant_field("montant voté", null=True, blank=True)
    referent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lignes_suivies",
        verbose_name="référent du financeur",
    )
    avis = models.CharField("avis", max_length=20, choices=Avis.choices, blank=True)
    commentaire_avis = models.TextField("motivation de l'avis", blank=True)
    version = models.PositiveIntegerField("version", default=1, help_text="Incrémentée à chaque avis enregistré.")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "ligne de financement"
        verbose_name_plural = "lignes de financement"
        ordering = ["dossier", "financeur__ordre", "financeur__nom"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "financeur"], name="ligne_unique_par_financeur"),
            models.CheckConstraint(
                condition=Q(montant_demande__gte=0)
                & (Q(montant_propose__isnull=True) | Q(montant_propose__gte=0))
                & (Q(montant_vote__isnull=True) | Q(montant_vote__gte=0)),
                name="ligne_montants_positifs",
            ),
        ]

    def __str__(self):
        return f"{self.financeur} – {self.dossier}"


class StatistiqueCampagne(models.Model):
    """Headline figures of a campagne, rebuilt by a Celery task rather than on every page view."""

    campagne = models.OneToOneField(Campagne, on_delete=models.CASCADE, related_name="statistique")
    nombre_dossiers = models.PositiveIntegerField("dossiers déposés", default=0)
    nombre_finances = models.PositiveIntegerField("actions financées", default=0)
    montant_demande = montant_field("montant demandé", default=Decimal("0"))
    montant_vote = montant_field("montant voté", default=Decimal("0"))
    calcule_le = models.DateTimeField("calculé le")

    class Meta:
        verbose_name = "chiffres clés de campagne"
        verbose_name_plural = "chiffres clés des campagnes"

    def __str__(self):
        return f"Chiffres clés {self.campagne}"


class TransitionDossier(models.Model):
    """Each change of state: who, when, from, to and why (les-emplois' transition log)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="transitions")
    de = models.CharField("de", max_length=30, choices=EtatDossier.choices)
    vers = models.CharField("vers", max_length=30, choices=EtatDossier.choices)
    par = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="par")
    le = models.DateTimeField("le")
    motif = models.TextField("motif", blank=True)

    class Meta:
        verbose_name = "changement d'état"
        verbose_name_plural = "changements d'état"
        ordering = ["dossier", "le"]

    def __str__(self):
        return f"{self.dossier} : {self.get_de_display()} → {self.get_vers_display()}"


class LigneBudget(models.Model):
    """One account of the budget prévisionnel (except 74, whose lines are the LigneFinancement rows)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="lignes_budget")
    compte = models.CharField("compte", max_length=4, choices=CompteBudget.choices)
    montant = montant_field("montant", default=Decimal("0"))
    precisions = models.CharField("précisions", max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "ligne du budget prévisionnel"
        verbose_name_plural = "lignes du budget prévisionnel"
        ordering = ["dossier", "compte"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "compte"], name="budget_un_montant_par_compte"),
            models.CheckConstraint(condition=Q(montant__gte=0), name="budget_montant_positif"),
        ]

    def __str__(self):
        return f"{self.get_compte_display()} – {self.dossier}"


class ReponseEgalite(models.Model):
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="reponses_egalite")
    question = models.ForeignKey(QuestionEgalite, on_delete=models.PROTECT, related_name="reponses")
    choix = models.JSONField("réponse", default=list, blank=True)
    precisions = models.TextField("précisions", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "réponse égalité femmes-hommes"
        verbose_name_plural = "réponses égalité femmes-hommes"
        constraints = [models.UniqueConstraint(fields=["dossier", "question"], name="une_reponse_par_question")]

    def __str__(self):
        return f"Q{self.question.numero} – {self.dossier}"


class PieceJointe(FichierPrive):
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="pieces_jointes")
    libelle = models.CharField("intitulé", max_length=200)
    deposee_le = models.DateTimeField("déposée le", auto_now_add=True)
    deposee_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="déposée par"
    )

    class Meta:
        verbose_name = "pièce jointe"
        verbose_name_plural = "pièces jointes"
        ordering = ["dossier", "deposee_le"]

    def __str__(self):
        return self.libelle

    def dossier_de_stockage(self) -> str:
        return f"dossiers/{self.dossier_id}"


def recepisse_upload_to(instance, filename):
    return random_name(f"recepisses/{instance.dossier_id}", filename)


class Depot(models.Model):
    """What was submitted, frozen: the content as JSON, its fingerprint and the récépissé. Never updated."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="depots")
    version = models.PositiveSmallIntegerField("version")
    depose_le = models.DateTimeField("déposé le")
    depose_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="déposé par"
    )
    contenu = models.JSONField("contenu déposé")
    empreinte = models.CharField("empreinte SHA-256 du contenu", max_length=64)
    recepisse = models.FileField(
        "récépissé", storage=private_storage, upload_to=recepisse_upload_to, max_length=200, blank=True
    )

    class Meta:
        verbose_name = "dépôt"
        ordering = ["dossier", "-version"]
        get_latest_by = "version"
        constraints = [models.UniqueConstraint(fields=["dossier", "version"], name="depot_version_unique")]

    def __str__(self):
        return f"{self.dossier.numero} v{self.version}"
