"""The conseil citoyen of a quartier prioritaire: collèges and seats, members and mandates, the tirage au sort,
meetings with their quorum, designations to the COPIL and COTECH, avis on dossiers, and the FPH.

Every number of the rules (seats, share of habitants, mandate length, size of the draw…) is a field with the
default of the cadre de référence, so that another city sets its own in the admin; the checks live in
conseil_citoyen/rules.py and services.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from conseil_citoyen.enums import (
    InstanceDesignation,
    ModeDesignation,
    QualiteTemoin,
    Reponse,
    RoleDesignation,
    Sexe,
    StatutDemandeFPH,
    StatutMembre,
    TypeCollege,
    TypeTirage,
)
from enjeux.models import ContratDeVille, Quartier
from projets.enums import Avis
from projets.models import Dossier, MembreInstance, Porteur
from projets.models.fields import montant_field


class ConseilCitoyen(models.Model):
    contrat = models.ForeignKey(ContratDeVille, on_delete=models.PROTECT, related_name="conseils_citoyens")
    quartier = models.ForeignKey(
        Quartier, on_delete=models.PROTECT, related_name="conseils_citoyens", help_text="Quartier prioritaire."
    )
    nom = models.CharField("nom", max_length=200)
    presentation = models.TextField("rôle et missions (page publique)", blank=True)
    mis_en_place_le = models.DateField("mis en place le", null=True, blank=True)
    association_porteuse = models.ForeignKey(
        Porteur,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="conseils_portes",
        verbose_name="association porteuse",
    )
    arrete_reference = models.CharField("arrêté préfectoral (référence)", max_length=100, blank=True)
    arrete_date = models.DateField("arrêté préfectoral du", null=True, blank=True)
    charte_validee_le = models.DateField("charte validée par le COPIL le", null=True, blank=True)
    mandat_mois = models.PositiveSmallIntegerField("durée du mandat (mois)", default=12)
    renouvellements_max = models.PositiveSmallIntegerField("renouvellements possibles", default=2)
    tirage_nombre = models.PositiveSmallIntegerField("personnes tirées au sort et classées", default=32)
    tirage_retenus = models.PositiveSmallIntegerField("personnes tirées au sort qui rejoignent le conseil", default=8)
    volontaires_sieges = models.PositiveSmallIntegerField("sièges de volontaires (collège habitants)", default=6)
    annees_avant_nouveau_tirage = models.PositiveSmallIntegerField("nouveau tirage au bout de (années)", default=3)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "conseil citoyen"
        verbose_name_plural = "conseils citoyens"
        ordering = ["contrat", "nom"]

    def __str__(self):
        return self.nom


class College(models.Model):
    conseil = models.ForeignKey(ConseilCitoyen, on_delete=models.CASCADE, related_name="colleges")
    type = models.CharField("collège", max_length=20, choices=TypeCollege.choices)
    sieges = models.PositiveSmallIntegerField("sièges")
    part_minimum = models.PositiveSmallIntegerField(
        "part minimale des membres du conseil (%)", default=0, help_text="50 pour le collège habitants."
    )
    parite = models.BooleanField("parité femmes-hommes exigée", default=False)
    residence_qpv = models.BooleanField("résidence dans le quartier prioritaire exigée", default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "collège"
        ordering = ["conseil", "type"]
        constraints = [
            models.UniqueConstraint(fields=["conseil", "type"], name="un_college_par_type"),
            models.CheckConstraint(condition=Q(part_minimum__lte=100), name="college_part_au_plus_100"),
        ]

    def __str__(self):
        return f"{self.get_type_display()} ({self.sieges} sièges)"


class SiegeReserve(models.Model):
    """Seats given to another body of local democracy (2 Conseil de quartier Nord, 1 Conseil des Jeunes)."""

    college = models.ForeignKey(College, on_delete=models.CASCADE, related_name="sieges_reserves")
    instance = models.CharField("instance", max_length=200)
    nombre = models.PositiveSmallIntegerField("nombre de sièges", default=1)
    residence_qpv = models.BooleanField("domicile dans le quartier prioritaire exigé", default=True)

    class Meta:
        verbose_name = "siège réservé"
        verbose_name_plural = "sièges réservés"

    def __str__(self):
        return f"{self.instance} ({self.nombre})"


class Membre(models.Model):
    conseil = models.ForeignKey(ConseilCitoyen, on_delete=models.CASCADE, related_name="membres")
    college = models.ForeignKey(College, on_delete=models.PROTECT, related_name="membres", verbose_name="collège")
    nom = models.CharField("nom (ou raison sociale)", max_length=200)
    prenom = models.CharField("prénom", max_length=100, blank=True)
    est_organisation = models.BooleanField("organisation (association, commerce…)", default=False)
    sexe = models.CharField("sexe", max_length=1, choices=Sexe.choices, blank=True)
    jeune = models.BooleanField("moins de 26 ans", default=False)
    secteur = models.CharField("secteur du quartier", max_length=100, blank=True)
    reside_qpv = models.BooleanField("réside dans le quartier prioritaire", default=False)
    mode = models.CharField("mode de désignation", max_length=30, choices=ModeDesignation.choices)
    siege_reserve = models.ForeignKey(
        SiegeReserve, on_delete=models.PROTECT, null=True, blank=True, related_name="membres"
    )
    structure = models.ForeignKey(
        Porteur,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="membres_conseil_citoyen",
        verbose_name="association du membre",
        help_text="Structure que le membre représente ou dont il est membre : déport sur ses dossiers.",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="mandats_cc"
    )
    debut_mandat = models.DateField("début du mandat")
    fin_mandat = models.DateField("fin du mandat")
    renouvellements = models.PositiveSmallIntegerField("renouvellements", default=0)
    statut = models.CharField("statut", max_length=20, choices=StatutMembre.choices, default=StatutMembre.ACTIF)
    statut_le = models.DateField("statut depuis le", null=True, blank=True)
    publication_consentie = models.BooleanField("accepte que son nom soit publié", default=False)
    personne_tiree = models.OneToOneField(
        "PersonneTiree", on_delete=models.SET_NULL, null=True, blank=True, related_name="membre"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "membre du conseil citoyen"
        verbose_name_plural = "membres du conseil citoyen"
        ordering = ["conseil", "college", "nom", "prenom"]
        constraints = [
            models.CheckConstraint(condition=Q(fin_mandat__gt=F("debut_mandat")), name="mandat_dates_ordonnees")
        ]

    def __str__(self):
        return f"{self.prenom} {self.nom}".strip()

    def clean(self):
        from django.core.exceptions import ValidationError

        from conseil_citoyen.rules import erreurs_du_membre

        if not (self.conseil_id and self.college_id and self.debut_mandat and self.fin_mandat):
            return  # the missing fields have their own message
        autres = Membre.objects.filter(conseil_id=self.conseil_id, statut=StatutMembre.ACTIF).exclude(pk=self.pk)
        erreurs = erreurs_du_membre(self, autres_actifs=list(autres))
        if erreurs:
            raise ValidationError(erreurs)


class TirageAuSort(models.Model):
    """A public draw: the source list is frozen (its SHA-256 published), the seed is published in the
    procès-verbal, and anyone can rebuild the ranking with conseil_citoyen/verification_tirage.py."""

    conseil = models.ForeignKey(ConseilCitoyen, on_delete=models.PROTECT, related_name="tirages")
    type = models.CharField("type", max_length=20, choices=TypeTirage.choices)
    sexe = models.CharField(
        "sexe tiré", max_length=1, choices=Sexe.choices, blank=True, help_text="Tirage distinct selon le genre."
    )
    date = models.DateField("date")
    lieu = models.CharField("lieu", max_length=200, blank=True)
    nombre = models.PositiveSmallIntegerField("personnes à tirer et classer")
    graine = models.CharField("graine publiée", max_length=64, blank=True)
    empreinte_liste = models.CharField("empreinte SHA-256 de la liste", max_length=64, blank=True)
    effectue_le = models.DateTimeField("effectué le", null=True, blank=True)
    effectue_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    purge_le = models.DateTimeField("listes sources purgées le", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "tirage au sort"
        verbose_name_plural = "tirages au sort"
        ordering = ["conseil", "-date"]

    def __str__(self):
        return f"Tirage au sort du {self.date:%d/%m/%Y} – {self.get_type_display()}"


class Temoin(models.Model):
    tirage = models.ForeignKey(TirageAuSort, on_delete=models.CASCADE, related_name="temoins")
    nom = models.CharField("nom", max_length=200)
    qualite = models.CharField("qualité", max_length=20, choices=QualiteTemoin.choices)

    class Meta:
        verbose_name = "témoin"
        ordering = ["tirage", "qualite", "nom"]

    def __str__(self):
        return f"{self.nom} ({self.get_qualite_display()})"


class PersonneTiree(models.Model):
    """An entry of a source list (personal data: administrators only, purged after the draw except the people
    who answered). `rang` is set by the draw for the first `nombre` entries."""

    tirage = models.ForeignKey(TirageAuSort, on_delete=models.CASCADE, related_name="personnes")
    source = models.CharField("liste d'origine", max_length=200)
    nom = models.CharField("nom", max_length=200)
    prenom = models.CharField("prénom", max_length=100, blank=True)
    adresse = models.CharField("adresse", max_length=300, blank=True)
    sexe = models.CharField("sexe", max_length=1, choices=Sexe.choices, blank=True)
    secteur = models.CharField("secteur", max_length=100, blank=True)
    rang = models.PositiveSmallIntegerField("rang", null=True, blank=True)
    courrier_le = models.DateField("courrier envoyé le", null=True, blank=True)
    reponse = models.CharField("réponse", max_length=20, choices=Reponse.choices, blank=True)
    reponse_le = models.DateField("réponse le", null=True, blank=True)

    class Meta:
        verbose_name = "personne de la liste"
        verbose_name_plural = "personnes des listes"
        ordering = ["tirage", "rang", "nom", "prenom"]
        constraints = [models.UniqueConstraint(fields=["tirage", "rang"], name="un_rang_par_tirage")]

    def __str__(self):
        return f"{self.prenom} {self.nom}".strip()


class Reunion(models.Model):
    conseil = models.ForeignKey(ConseilCitoyen, on_delete=models.CASCADE, related_name="reunions")
    date = models.DateField("date")
    lieu = models.CharField("lieu", max_length=200, blank=True)
    ordre_du_jour = models.TextField("ordre du jour", blank=True)
    presents = models.ManyToManyField(
        Membre, blank=True, related_name="reunions", verbose_name="présentes et présents"
    )
    garde_enfants = models.BooleanField("garde d'enfants proposée", default=False)
    compte_rendu = models.TextField("compte rendu", blank=True)
    history = HistoricalRecords(m2m_fields=[presents])

    class Meta:
        verbose_name = "réunion"
        ordering = ["conseil", "-date"]

    def __str__(self):
        return f"Réunion du {self.date:%d/%m/%Y}"


class AvisConseilCitoyen(models.Model):
    """The conseil's avis on a dossier, adopted in a meeting with quorum; members of the porteur are recused."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="avis_conseil_citoyen")
    reunion = models.ForeignKey(
        Reunion, on_delete=models.PROTECT, null=True, blank=True, related_name="avis", verbose_name="réunion"
    )
    avis = models.CharField("avis", max_length=20, choices=Avis.choices)
    texte = models.TextField("avis motivé")
    rendu_le = models.DateField("rendu le")
    membres_recuses = models.ManyToManyField(
        Membre, blank=True, related_name="avis_recuses", verbose_name="membres déportés"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "avis du conseil citoyen"
        verbose_name_plural = "avis du conseil citoyen"
        ordering = ["dossier", "-rendu_le"]

    def __str__(self):
        return f"Avis du conseil citoyen – {self.dossier}"


class Designation(models.Model):
    """Who represents the conseil at the COPIL or the COTECH for a year; the seat is created in the instance."""

    conseil = models.ForeignKey(ConseilCitoyen, on_delete=models.CASCADE, related_name="designations")
    reunion = models.ForeignKey(Reunion, on_delete=models.PROTECT, related_name="designations")
    annee = models.PositiveSmallIntegerField("année")
    # Not "instance": django-simple-history reserves that name on historical records.
    organe = models.CharField("instance", max_length=10, choices=InstanceDesignation.choices)
    role = models.CharField("rôle", max_length=10, choices=RoleDesignation.choices)
    membre = models.ForeignKey(Membre, on_delete=models.PROTECT, related_name="designations")
    siege = models.OneToOneField(
        MembreInstance, on_delete=models.SET_NULL, null=True, blank=True, related_name="designation_cc"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "désignation"
        ordering = ["conseil", "-annee", "organe", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["conseil", "annee", "organe", "membre"], name="une_designation_par_membre_et_instance"
            )
        ]

    def __str__(self):
        return f"{self.membre} – {self.get_organe_display()} {self.annee} ({self.get_role_display().lower()})"


class FondsParticipation(models.Model):
    """The Fonds de Participation des Habitants of a year, managed by the conseil."""

    conseil = models.ForeignKey(ConseilCitoyen, on_delete=models.CASCADE, related_name="fonds")
    annee = models.PositiveSmallIntegerField("année")
    montant = montant_field("montant du fonds")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "fonds de participation des habitants"
        verbose_name_plural = "fonds de participation des habitants"
        ordering = ["conseil", "-annee"]
        constraints = [models.UniqueConstraint(fields=["conseil", "annee"], name="un_fph_par_annee")]

    def __str__(self):
        return f"FPH {self.annee} – {self.conseil}"


class DemandeFPH(models.Model):
    """A residents' micro-project, asked through the public form and decided by the conseil in a meeting."""

    fonds = models.ForeignKey(FondsParticipation, on_delete=models.PROTECT, related_name="demandes")
    titre = models.CharField("titre du projet", max_length=200)
    description = models.TextField("description")
    porteurs = models.CharField("habitantes et habitants qui portent le projet", max_length=300)
    email = models.EmailField("adresse électronique de contact")
    montant_demande = montant_field("montant demandé")
    deposee_le = models.DateTimeField("déposée le", auto_now_add=True)
    statut = models.CharField(
        "statut", max_length=10, choices=StatutDemandeFPH.choices, default=StatutDemandeFPH.DEPOSEE
    )
    montant_accorde = montant_field("montant accordé", null=True, blank=True)
    motif = models.TextField("motif de la décision", blank=True)
    reunion = models.ForeignKey(Reunion, on_delete=models.PROTECT, null=True, blank=True, related_name="decisions_fph")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "demande au FPH"
        verbose_name_plural = "demandes au FPH"
        ordering = ["fonds", "-deposee_le"]
        constraints = [
            models.CheckConstraint(condition=Q(montant_demande__gt=0), name="fph_montant_demande_positif"),
            models.CheckConstraint(
                condition=Q(montant_accorde__isnull=True) | Q(montant_accorde__gte=0), name="fph_accorde_positif"
            ),
        ]

    def __str__(self):
        return self.titre
