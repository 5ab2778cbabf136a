"""The instances that examine and decide (COTECH, COPIL): members, séances, agenda, recusals and decisions."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from enjeux.models import ContratDeVille
from projets.enums import Avis, Decision, RoleMembre, StatutSeance, TypeInstance
from projets.models.campagnes import Campagne
from projets.models.dossiers import Dossier, LigneFinancement
from projets.models.fields import montant_field
from projets.models.porteurs import Porteur


class Instance(models.Model):
    """The COPIL or the COTECH of a contrat de ville, with its quorum rule."""

    contrat = models.ForeignKey(ContratDeVille, on_delete=models.PROTECT, related_name="instances")
    type = models.CharField("type", max_length=10, choices=TypeInstance.choices)
    nom = models.CharField("nom", max_length=200)
    quorum_pourcentage = models.PositiveSmallIntegerField(
        "quorum (en % des titulaires)",
        default=50,
        help_text="Part des sièges de titulaires qui doit être représentée (titulaire ou suppléant présent).",
    )
    quorum_plus_un = models.BooleanField(
        "plus une voix", default=True, help_text="« La moitié plus un » : une présence de plus que le pourcentage."
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "instance"
        ordering = ["contrat", "type"]
        constraints = [
            models.UniqueConstraint(fields=["contrat", "type"], name="une_instance_par_type_et_contrat"),
            models.CheckConstraint(condition=Q(quorum_pourcentage__lte=100), name="quorum_au_plus_100"),
        ]

    def __str__(self):
        return self.nom


class MembreInstance(models.Model):
    """A seat: the person, the organisation they represent, titulaire or suppléant."""

    # Not "instance": django-simple-history reserves that name on historical records.
    comite = models.ForeignKey(Instance, on_delete=models.CASCADE, related_name="membres", verbose_name="instance")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sieges",
        verbose_name="compte",
        help_text="Nécessaire pour enregistrer des décisions dans l'application.",
    )
    nom = models.CharField("nom", max_length=200)
    organisation = models.CharField("organisation", max_length=200)
    fonction = models.CharField("fonction", max_length=200, blank=True)
    role = models.CharField("siège", max_length=10, choices=RoleMembre.choices, default=RoleMembre.TITULAIRE)
    suppleant_de = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="suppleants", verbose_name="supplée"
    )
    structure = models.ForeignKey(
        Porteur,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sieges",
        verbose_name="structure représentée",
        help_text="Association d'un membre du conseil citoyen, par exemple : déport automatique sur ses dossiers.",
    )
    actif = models.BooleanField("siège actif", default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "membre d'une instance"
        verbose_name_plural = "membres des instances"
        ordering = ["comite", "role", "organisation", "nom"]

    def __str__(self):
        return f"{self.nom} ({self.organisation}, {self.get_role_display().lower()})"


class Seance(models.Model):
    """A meeting of an instance: the dossiers examined on a date, who attended, the avis or decisions."""

    # Not "instance": django-simple-history reserves that name on historical records.
    comite = models.ForeignKey(Instance, on_delete=models.PROTECT, related_name="seances", verbose_name="instance")
    campagne = models.ForeignKey(Campagne, on_delete=models.PROTECT, related_name="seances")
    date = models.DateField("date")
    lieu = models.CharField("lieu", max_length=200, blank=True)
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="seances",
        verbose_name="participantes et participants",
    )
    autres_participants = models.TextField(
        "autres participantes et participants", blank=True, help_text="Personnes sans compte, une par ligne."
    )
    compte_rendu = models.TextField("compte rendu", blank=True)
    statut = models.CharField("statut", max_length=20, choices=StatutSeance.choices, default=StatutSeance.PREPARATION)
    close_le = models.DateTimeField("close le", null=True, blank=True)
    close_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords(m2m_fields=[participants])

    class Meta:
        verbose_name = "séance"
        ordering = ["-date"]

    def __str__(self):
        sigle = "COPIL" if self.comite and self.comite.type == TypeInstance.COPIL else "COTECH"
        return f"{sigle} du {self.date:%d/%m/%Y}"


class Convocation(models.Model):
    """A member convoked to a séance, and whether they attended (the quorum counts these)."""

    seance = models.ForeignKey(Seance, on_delete=models.CASCADE, related_name="convocations")
    membre = models.ForeignKey(MembreInstance, on_delete=models.PROTECT, related_name="convocations")
    present = models.BooleanField("présent ou présente", default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "convocation"
        ordering = ["seance", "membre__role", "membre__organisation"]
        constraints = [models.UniqueConstraint(fields=["seance", "membre"], name="une_convocation_par_membre")]

    def __str__(self):
        return f"{self.membre} – {self.seance}"


class Examen(models.Model):
    """A dossier on the agenda of a séance: the COTECH's collective avis, or a COPIL decision's context."""

    seance = models.ForeignKey(Seance, on_delete=models.CASCADE, related_name="examens")
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="examens")
    rang = models.PositiveSmallIntegerField("rang à l'ordre du jour", default=0)
    avis = models.CharField("avis collectif", max_length=20, choices=Avis.choices, blank=True)
    commentaire = models.TextField("observations", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "dossier examiné"
        verbose_name_plural = "dossiers examinés"
        ordering = ["seance", "rang", "dossier__numero"]
        constraints = [models.UniqueConstraint(fields=["seance", "dossier"], name="un_examen_par_seance")]

    def __str__(self):
        return f"{self.dossier} – {self.seance}"


class Recusation(models.Model):
    """A member who takes no part in the decision on a dossier (déport): automatic or declared."""

    seance = models.ForeignKey(Seance, on_delete=models.CASCADE, related_name="recusations")
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="recusations")
    membre = models.ForeignKey(MembreInstance, on_delete=models.PROTECT, related_name="recusations")
    motif = models.CharField("motif", max_length=300)
    automatique = models.BooleanField("automatique", default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "déport"
        verbose_name_plural = "déports"
        ordering = ["seance", "dossier__numero"]
        constraints = [
            models.UniqueConstraint(fields=["seance", "dossier", "membre"], name="un_deport_par_membre_et_dossier")
        ]

    def __str__(self):
        return f"{self.membre} se déporte sur {self.dossier}"


class DecisionLigne(models.Model):
    """The COPIL's decision on one financeur line of a dossier: accordé (amount), refusé (motif) or ajourné."""

    seance = models.ForeignKey(Seance, on_delete=models.PROTECT, related_name="decisions")
    ligne = models.ForeignKey(LigneFinancement, on_delete=models.CASCADE, related_name="decisions")
    decision = models.CharField("décision", max_length=10, choices=Decision.choices, blank=True)
    montant_vote = montant_field("montant voté", null=True, blank=True)
    motif = models.TextField("motif", blank=True)
    par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    verrouillee = models.BooleanField("verrouillée", default=False)
    version = models.PositiveIntegerField("version", default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "décision par financeur"
        verbose_name_plural = "décisions par financeur"
        ordering = ["seance", "ligne__dossier__numero", "ligne__financeur__ordre"]
        constraints = [
            models.UniqueConstraint(fields=["seance", "ligne"], name="une_decision_par_ligne_et_seance"),
            models.CheckConstraint(
                condition=Q(montant_vote__isnull=True) | Q(montant_vote__gte=0), name="decision_montant_positif"
            ),
        ]

    def __str__(self):
        return f"{self.ligne} : {self.get_decision_display() or 'à décider'}"


class Amendement(models.Model):
    """A change to a locked decision: why, by whom, what it was and what it became."""

    decision = models.ForeignKey(DecisionLigne, on_delete=models.CASCADE, related_name="amendements")
    motif = models.TextField("motif de l'amendement")
    avant = models.JSONField("avant")
    apres = models.JSONField("après")
    par = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    le = models.DateTimeField("le")

    class Meta:
        verbose_name = "amendement"
        ordering = ["decision", "le"]

    def __str__(self):
        return f"Amendement du {self.le:%d/%m/%Y} – {self.decision}"
