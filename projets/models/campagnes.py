from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from enjeux.models import ContratDeVille, Enjeu
from projets.enums import EtatCampagne, MomentQuestion, NatureFinancement, TypeFinanceur
from projets.models.fields import montant_field
from projets.validators import validate_siret


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
    agents = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="financeurs",
        verbose_name="agents instructeurs",
        help_text="Seules ces personnes donnent l'avis et proposent le montant de ce financeur. "
        "Sans agent désigné, le service politique de la ville instruit la ligne.",
    )
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
    date_limite_instruction = models.DateField(
        "fin de l'instruction",
        null=True,
        blank=True,
        help_text="Date du COTECH : les dossiers encore en instruction après cette date sont en retard.",
    )
    dernier_numero = models.PositiveIntegerField("dernier numéro de dossier attribué", default=0, editable=False)
    partenaires_invites = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="campagnes_cotech",
        verbose_name="partenaires invités au COTECH",
        help_text="Techniciennes et techniciens des partenaires (État, CAF, bailleurs…) qui voient les dossiers.",
    )
    history = HistoricalRecords(excluded_fields=["dernier_numero"])

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


class QuestionEgalite(models.Model):
    """The gender-equality questions (Q1–Q5 in the dossier, Q6 in the bilan), as the référentiel states them."""

    numero = models.PositiveSmallIntegerField("numéro", unique=True)
    moment = models.CharField("posée au", max_length=10, choices=MomentQuestion.choices)
    texte = models.TextField("texte")
    choix = models.JSONField("réponses possibles", default=list, help_text='Par exemple ["femmes", "hommes"].')
    history = HistoricalRecords()

    class Meta:
        verbose_name = "question égalité femmes-hommes"
        verbose_name_plural = "questions égalité femmes-hommes"
        ordering = ["numero"]

    def __str__(self):
        return f"Q{self.numero}. {self.texte}"

    @property
    def choix_multiples(self) -> bool:
        """Q1–Q3 accept femmes and/or hommes; oui/non questions take one answer."""
        return set(self.choix) != {"oui", "non"}
