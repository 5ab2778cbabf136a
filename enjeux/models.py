from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from enjeux.enums import TypeQuartier


class ContratDeVille(models.Model):
    nom = models.CharField("nom", max_length=200)
    slug = models.SlugField("identifiant", unique=True)
    commune = models.CharField("commune", max_length=120)
    commune_population = models.PositiveIntegerField("population de la commune", null=True, blank=True)
    epci = models.CharField("EPCI", max_length=200, blank=True)
    annee_debut = models.PositiveSmallIntegerField("année de début")
    annee_fin = models.PositiveSmallIntegerField("année de fin")
    fuseau_horaire = models.CharField(
        "fuseau horaire",
        max_length=64,
        default="Europe/Paris",
        help_text="Pour ouvrir et clore les appels.",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "contrat de ville"
        verbose_name_plural = "contrats de ville"
        ordering = ["-annee_debut", "nom"]
        constraints = [
            models.CheckConstraint(condition=Q(annee_fin__gte=F("annee_debut")), name="contrat_periode_valide"),
        ]

    def __str__(self):
        return self.nom

    @property
    def annee_fin_effective(self):
        """The end year, extended by the latest avenant if any."""
        prolongations = [a.prolonge_jusqu_a for a in self.avenants.all() if a.prolonge_jusqu_a]
        return max([self.annee_fin, *prolongations])


class Avenant(models.Model):
    contrat = models.ForeignKey(ContratDeVille, on_delete=models.CASCADE, related_name="avenants")
    nom = models.CharField("nom", max_length=300)
    date_signature = models.DateField("date de signature", null=True, blank=True)
    prolonge_jusqu_a = models.PositiveSmallIntegerField("prolonge le contrat jusqu'en", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "avenant"
        constraints = [models.UniqueConstraint(fields=["contrat", "nom"], name="avenant_unique_par_contrat")]

    def __str__(self):
        return self.nom


class Pilier(models.Model):
    """The three piliers of the circulaire of 30 July 2014 (national)."""

    code = models.SlugField("code", unique=True)
    libelle = models.CharField("libellé", max_length=200)
    ordre = models.PositiveSmallIntegerField("ordre", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "pilier"
        ordering = ["ordre"]

    def __str__(self):
        return self.libelle


class PrioriteTransversale(models.Model):
    """National transversal priorities every contract carries (jeunesse, égalité, discriminations)."""

    libelle = models.CharField("libellé", max_length=300, unique=True)
    obligatoire = models.BooleanField("obligatoire", default=True)
    ordre = models.PositiveSmallIntegerField("ordre", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "priorité transversale du contrat"
        verbose_name_plural = "priorités transversales du contrat"
        ordering = ["ordre"]

    def __str__(self):
        return self.libelle


class Enjeu(models.Model):
    contrat = models.ForeignKey(ContratDeVille, on_delete=models.PROTECT, related_name="enjeux")
    numero = models.PositiveSmallIntegerField("numéro")
    titre = models.CharField("titre", max_length=300)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "enjeu"
        verbose_name_plural = "enjeux"
        ordering = ["contrat", "numero"]
        constraints = [models.UniqueConstraint(fields=["contrat", "numero"], name="enjeu_numero_unique_par_contrat")]

    def __str__(self):
        return f"Enjeu {self.numero} : {self.titre}"


class AxeStrategique(models.Model):
    enjeu = models.ForeignKey(Enjeu, on_delete=models.PROTECT, related_name="axes")
    numero = models.PositiveSmallIntegerField("numéro dans l'enjeu")
    titre = models.CharField("titre", max_length=400)
    piliers = models.ManyToManyField(Pilier, blank=True, related_name="axes", verbose_name="piliers")
    history = HistoricalRecords(m2m_fields=[piliers])

    class Meta:
        verbose_name = "axe stratégique"
        verbose_name_plural = "axes stratégiques"
        ordering = ["enjeu__contrat", "enjeu__numero", "numero"]
        constraints = [models.UniqueConstraint(fields=["enjeu", "numero"], name="axe_numero_unique_par_enjeu")]

    def __str__(self):
        return f"{self.code} {self.titre}"

    @property
    def code(self):
        return f"{self.enjeu.numero}.{self.numero}"


class ObjectifOperationnel(models.Model):
    """A yearly operational objective under an axe, validated by the COPIL before the call opens."""

    axe = models.ForeignKey(AxeStrategique, on_delete=models.PROTECT, related_name="objectifs")
    annee = models.PositiveSmallIntegerField("année")
    numero = models.PositiveSmallIntegerField("numéro")
    libelle = models.TextField("libellé")
    referent = models.CharField("référent", max_length=200, blank=True)
    analyse = models.TextField("analyse", blank=True)
    date_validation_copil = models.DateField("validé par le COPIL le", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "objectif opérationnel"
        verbose_name_plural = "objectifs opérationnels"
        ordering = ["annee", "axe__enjeu__numero", "axe__numero", "numero"]
        constraints = [
            models.UniqueConstraint(fields=["axe", "annee", "numero"], name="objectif_numero_unique_par_axe_et_annee")
        ]

    def __str__(self):
        return f"{self.annee} – {self.axe.code}.{self.numero} {self.libelle}"


class Quartier(models.Model):
    contrat = models.ForeignKey(ContratDeVille, on_delete=models.PROTECT, related_name="quartiers")
    nom = models.CharField("nom", max_length=200)
    type = models.CharField("type", max_length=20, choices=TypeQuartier.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="sous_quartiers", verbose_name="parent"
    )
    code = models.CharField("code national (QPV)", max_length=20, blank=True)
    population = models.PositiveIntegerField("population", null=True, blank=True)
    annee_population = models.PositiveSmallIntegerField("année de la population", null=True, blank=True)
    actif = models.BooleanField("actif", default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "quartier"
        ordering = ["contrat", "type", "nom"]
        constraints = [
            models.UniqueConstraint(fields=["contrat", "nom"], name="quartier_nom_unique_par_contrat"),
            models.CheckConstraint(
                condition=Q(type=TypeQuartier.SOUS_QUARTIER, parent__isnull=False)
                | (~Q(type=TypeQuartier.SOUS_QUARTIER) & Q(parent__isnull=True)),
                name="quartier_seul_un_sous_quartier_a_un_parent",
            ),
        ]

    def __str__(self):
        return self.nom
