from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from projets.enums import FormeJuridique, TypeDocument
from projets.models.fields import FichierPrive, montant_field
from projets.validators import validate_rna, validate_siret


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
    correspondance_adresse = models.CharField("adresse de correspondance, si différente", max_length=250, blank=True)
    correspondance_code_postal = models.CharField("code postal de correspondance", max_length=5, blank=True)
    correspondance_commune = models.CharField("commune de correspondance", max_length=120, blank=True)
    annee_creation = models.PositiveSmallIntegerField("année de création", null=True, blank=True)
    presentation = models.TextField("présentation de la structure", blank=True)
    objet_social = models.TextField("objet de la structure", blank=True)
    # Représentant légal and the person in charge of the dossier (CERFA 12156, fiche 1).
    representant_nom = models.CharField("nom du ou de la représentante légale", max_length=150, blank=True)
    representant_qualite = models.CharField("qualité (présidente, président…)", max_length=100, blank=True)
    representant_email = models.EmailField("adresse électronique du ou de la représentante", blank=True)
    representant_telephone = models.CharField("téléphone du ou de la représentante", max_length=20, blank=True)
    responsable_nom = models.CharField("nom de la personne chargée du dossier", max_length=150, blank=True)
    responsable_fonction = models.CharField("fonction de la personne chargée du dossier", max_length=100, blank=True)
    responsable_email = models.EmailField("adresse électronique de la personne chargée du dossier", blank=True)
    responsable_telephone = models.CharField("téléphone de la personne chargée du dossier", max_length=20, blank=True)
    # Agréments, affiliations and means.
    agrements = models.TextField("agréments (type, attribué par, date)", blank=True)
    utilite_publique = models.BooleanField("reconnue d'utilité publique", default=False)
    utilite_publique_date = models.DateField("date de la reconnaissance", null=True, blank=True)
    affiliations = models.TextField("affiliation à une union, fédération ou un réseau", blank=True)
    nombre_adherents = models.PositiveIntegerField("nombre d'adhérentes et adhérents", null=True, blank=True)
    nombre_benevoles = models.PositiveIntegerField("nombre de bénévoles", null=True, blank=True)
    nombre_volontaires = models.PositiveIntegerField("nombre de volontaires (service civique…)", null=True, blank=True)
    nombre_salaries = models.PositiveIntegerField("nombre de salariées et salariés", null=True, blank=True)
    salaries_etpt = models.DecimalField(
        "salariés en équivalent temps plein travaillé (ETPT)", max_digits=7, decimal_places=2, null=True, blank=True
    )
    budget_annuel = montant_field("budget annuel de la structure", null=True, blank=True)
    budget_annuel_exercice = models.PositiveSmallIntegerField("exercice du budget annuel", null=True, blank=True)
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


class DocumentPorteur(FichierPrive):
    """A standing document (statuts, RIB…): the newest of each type is the current one, used by every dossier."""

    porteur = models.ForeignKey(Porteur, on_delete=models.CASCADE, related_name="documents")
    type = models.CharField("type", max_length=30, choices=TypeDocument.choices)
    date_document = models.DateField("date du document", help_text="Date d'adoption des statuts, des comptes…")
    depose_le = models.DateTimeField("déposé le", auto_now_add=True)
    depose_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="déposé par"
    )

    class Meta:
        verbose_name = "document de la structure"
        verbose_name_plural = "documents de la structure"
        ordering = ["porteur", "type", "-depose_le"]
        get_latest_by = "depose_le"

    def __str__(self):
        return f"{self.get_type_display()} – {self.porteur}"

    def dossier_de_stockage(self) -> str:
        return f"porteurs/{self.porteur_id}"


class Invitation(models.Model):
    """A gestionnaire invites a colleague by e-mail to act for the porteur."""

    porteur = models.ForeignKey(Porteur, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField("adresse électronique invitée")
    invite_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name="invitée par"
    )
    cree_le = models.DateTimeField("envoyée le", auto_now_add=True)
    acceptee_le = models.DateTimeField("acceptée le", null=True, blank=True)

    class Meta:
        verbose_name = "invitation"
        constraints = [
            models.UniqueConstraint(
                fields=["porteur", "email"], condition=Q(acceptee_le__isnull=True), name="invitation_en_attente_unique"
            )
        ]

    def __str__(self):
        return f"{self.email} → {self.porteur}"
