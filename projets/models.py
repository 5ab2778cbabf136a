from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from enjeux.models import AxeStrategique, ContratDeVille, Enjeu, ObjectifOperationnel, Quartier
from projets.enums import EtatCampagne, EtatDossier, FormeJuridique, NatureFinancement, TypeFinanceur
from projets.validators import validate_rna, validate_siret


def montant_field(verbose_name, **kwargs):
    """Money in euros with cents, never negative."""
    return models.DecimalField(
        verbose_name, max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0"))], **kwargs
    )


class Financeur(models.Model):
    nom = models.CharField("nom", max_length=200, unique=True)
    sigle = models.CharField("sigle", max_length=40, blank=True)
    type = models.CharField("type", max_length=20, choices=TypeFinanceur.choices, default=TypeFinanceur.AUTRE)
    nature = models.CharField(
        "nature des crédits", max_length=30, choices=NatureFinancement.choices, default=NatureFinancement.DROIT_COMMUN
    )
    codes_bop = models.JSONField("codes BOP", default=list, blank=True, help_text="Programmes budgétaires de l'État.")
    alias = models.JSONField(
        "autres noms", default=list, blank=True, help_text="Sigles et anciens noms, pour les imports."
    )
    siret = models.CharField("SIRET", max_length=14, blank=True, validators=[validate_siret])
    appel_a_projets = models.BooleanField(
        "finance l'appel à projets",
        default=False,
        help_text="Proposé d'office dans le plan de financement des dossiers.",
    )
    montants_indicatifs = models.BooleanField(
        "montants indicatifs", default=False, help_text="Montants non engageants tant qu'ils ne sont pas confirmés."
    )
    note = models.TextField("note", blank=True)
    ordre = models.PositiveSmallIntegerField("ordre", default=100)
    actif = models.BooleanField("actif", default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "financeur"
        ordering = ["ordre", "nom"]

    def __str__(self):
        return self.nom


class Campagne(models.Model):
    """The yearly call for projects of a contrat de ville."""

    contrat = models.ForeignKey(ContratDeVille, on_delete=models.PROTECT, related_name="campagnes")
    annee = models.PositiveSmallIntegerField("année de programmation")
    libelle = models.CharField("libellé", max_length=200)
    date_ouverture = models.DateTimeField("ouverture des dépôts")
    date_cloture = models.DateTimeField("clôture des dépôts")
    etat = models.CharField("état", max_length=20, choices=EtatCampagne.choices, default=EtatCampagne.PREPARATION)
    presentation = models.TextField("présentation", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "campagne"
        ordering = ["-annee"]
        constraints = [
            models.UniqueConstraint(fields=["contrat", "annee"], name="campagne_unique_par_contrat_et_annee"),
            models.CheckConstraint(condition=Q(date_cloture__gt=F("date_ouverture")), name="campagne_cloture_apres"),
        ]

    def __str__(self):
        return self.libelle


class PrioriteOperationnelle(models.Model):
    """An item of the year's priorités opérationnelles, grouped under a heading tied to enjeux."""

    campagne = models.ForeignKey(Campagne, on_delete=models.CASCADE, related_name="priorites_operationnelles")
    groupe = models.CharField("groupe", max_length=300)
    enjeux = models.ManyToManyField(Enjeu, related_name="priorites_operationnelles", verbose_name="enjeux")
    libelle = models.TextField("libellé")
    ordre = models.PositiveSmallIntegerField("ordre", default=0)
    history = HistoricalRecords(m2m_fields=[enjeux])

    class Meta:
        verbose_name = "priorité opérationnelle de l'année"
        verbose_name_plural = "priorités opérationnelles de l'année"
        ordering = ["campagne", "ordre"]

    def __str__(self):
        return self.libelle


class PrioriteTransversaleCampagne(models.Model):
    """The year's transversal priorities: the list the city enters, never a fixed count."""

    campagne = models.ForeignKey(Campagne, on_delete=models.CASCADE, related_name="priorites_transversales")
    libelle = models.TextField("libellé")
    ordre = models.PositiveSmallIntegerField("ordre", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "priorité transversale de l'année"
        verbose_name_plural = "priorités transversales de l'année"
        ordering = ["campagne", "ordre"]

    def __str__(self):
        return self.libelle


class Volet(models.Model):
    """Public classification of funded actions (volet "2", sous-volet "2.1"), separate from the enjeux."""

    campagne = models.ForeignKey(Campagne, on_delete=models.CASCADE, related_name="volets")
    code = models.CharField("code", max_length=10, help_text="« 2 » pour un volet, « 2.1 » pour un sous-volet.")
    titre = models.CharField("titre", max_length=300)
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="sous_volets",
        verbose_name="volet parent",
    )
    texte_si_vide = models.TextField("texte affiché quand le volet est vide", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "volet"
        ordering = ["campagne", "code"]
        constraints = [models.UniqueConstraint(fields=["campagne", "code"], name="volet_code_unique_par_campagne")]

    def __str__(self):
        return f"{self.code} : {self.titre}"


class Enveloppe(models.Model):
    campagne = models.ForeignKey(Campagne, on_delete=models.CASCADE, related_name="enveloppes")
    financeur = models.ForeignKey(Financeur, on_delete=models.PROTECT, related_name="enveloppes")
    montant = montant_field("montant")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "enveloppe"
        constraints = [
            models.UniqueConstraint(fields=["campagne", "financeur"], name="enveloppe_unique_par_financeur"),
            models.CheckConstraint(condition=Q(montant__gte=0), name="enveloppe_montant_positif"),
        ]

    def __str__(self):
        return f"{self.financeur} – {self.campagne}"


class Porteur(models.Model):
    """The organisation that carries dossiers: entered once, reused every year."""

    raison_sociale = models.CharField("raison sociale", max_length=250)
    sigle = models.CharField("sigle", max_length=60, blank=True)
    forme_juridique = models.CharField(
        "forme juridique", max_length=30, choices=FormeJuridique.choices, default=FormeJuridique.ASSOCIATION
    )
    siret = models.CharField("SIRET", max_length=14, blank=True, validators=[validate_siret])
    rna = models.CharField("numéro RNA", max_length=10, blank=True, validators=[validate_rna])
    adresse = models.CharField("adresse", max_length=250, blank=True)
    code_postal = models.CharField("code postal", max_length=5, blank=True)
    commune = models.CharField("commune", max_length=120, blank=True)
    email = models.EmailField("adresse électronique", blank=True)
    telephone = models.CharField("téléphone", max_length=20, blank=True)
    site_web = models.URLField("site internet", blank=True)
    annee_creation = models.PositiveSmallIntegerField("année de création", null=True, blank=True)
    presentation = models.TextField("présentation de la structure", blank=True)
    alias = models.JSONField(
        "autres noms", default=list, blank=True, help_text="Graphies rencontrées, pour les imports."
    )
    utilisateurs = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="PorteurMembre", related_name="porteurs", verbose_name="personnes habilitées"
    )
    cree_le = models.DateTimeField("créé le", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "porteur de projet"
        verbose_name_plural = "porteurs de projet"
        ordering = ["raison_sociale"]
        constraints = [
            models.UniqueConstraint(fields=["siret"], condition=~Q(siret=""), name="porteur_siret_unique"),
            models.UniqueConstraint(fields=["rna"], condition=~Q(rna=""), name="porteur_rna_unique"),
        ]

    def __str__(self):
        return self.raison_sociale


class PorteurMembre(models.Model):
    """A user who may act for a porteur; gestionnaires invite and remove the others."""

    porteur = models.ForeignKey(Porteur, on_delete=models.CASCADE, related_name="membres")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="adhesions_porteur")
    est_gestionnaire = models.BooleanField("gère les accès", default=False)
    depuis = models.DateTimeField("depuis", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "personne habilitée"
        verbose_name_plural = "personnes habilitées"
        constraints = [models.UniqueConstraint(fields=["porteur", "user"], name="porteur_membre_unique")]

    def __str__(self):
        return f"{self.user} pour {self.porteur}"


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
    volet = models.ForeignKey(
        Volet, on_delete=models.PROTECT, null=True, blank=True, related_name="dossiers", verbose_name="volet public"
    )
    etat = models.CharField("état", max_length=30, choices=EtatDossier.choices, default=EtatDossier.BROUILLON)
    publie = models.BooleanField("publié sur le site", default=False)
    contact_public = models.TextField("contact publié", blank=True)
    reconduit_de = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reconductions",
        verbose_name="reconduction de",
    )
    version = models.PositiveIntegerField("version", default=1, help_text="Incrémentée à chaque écriture concurrente.")
    cree_le = models.DateTimeField("créé le", auto_now_add=True)
    modifie_le = models.DateTimeField("modifié le", auto_now=True)
    depose_le = models.DateTimeField("déposé le", null=True, blank=True)
    history = HistoricalRecords(m2m_fields=[quartiers, axes])

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


class LigneFinancement(models.Model):
    """What a dossier asks one financeur, what the instruction proposes and what the COPIL votes."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="lignes_financement")
    financeur = models.ForeignKey(Financeur, on_delete=models.PROTECT, related_name="lignes_financement")
    nature = models.CharField("nature des crédits", max_length=30, choices=NatureFinancement.choices)
    montant_demande = montant_field("montant demandé", default=Decimal("0"))
    montant_propose = montant_field("montant proposé", null=True, blank=True)
    montant_vote = montant_field("montant voté", null=True, blank=True)
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
