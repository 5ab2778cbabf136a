"""What the instruction adds to a dossier: recevabilité, compléments, grille d'analyse, notes, messages, COTECH."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from projets.enums import ElementComplement
from projets.models.campagnes import Campagne
from projets.models.dossiers import Depot, Dossier
from projets.models.fields import FichierPrive


class ControleRecevabilite(models.Model):
    """The recevabilité checklist of a dossier, filled once and amended if the dossier comes back."""

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="recevabilite")
    pieces_completes = models.BooleanField("pièces complètes", default=False)
    territoire_eligible = models.BooleanField("territoire éligible (quartiers prioritaires)", default=False)
    public_eligible = models.BooleanField("public éligible (habitantes et habitants des quartiers)", default=False)
    cofinancement_present = models.BooleanField("cofinancement présent", default=False)
    priorites_annee = models.BooleanField("répond aux priorités de l'année", default=False)
    commentaire = models.TextField("commentaire", blank=True)
    par = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="par")
    le = models.DateTimeField("le")
    history = HistoricalRecords()

    CRITERES = [
        "pieces_completes",
        "territoire_eligible",
        "public_eligible",
        "cofinancement_present",
        "priorites_annee",
    ]

    class Meta:
        verbose_name = "contrôle de recevabilité"
        verbose_name_plural = "contrôles de recevabilité"

    def __str__(self):
        return f"Recevabilité – {self.dossier}"

    @property
    def criteres_manquants(self) -> list[str]:
        return [self._meta.get_field(name).verbose_name for name in self.CRITERES if not getattr(self, name)]


class DemandeComplements(models.Model):
    """A request for more: what is missing, the message to the porteur, the deadline, and the answer."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="demandes_complements")
    elements = models.JSONField("éléments à compléter", default=list, help_text="Étapes du dossier rouvertes.")
    message = models.TextField("message à la porteuse ou au porteur")
    date_limite = models.DateField("à compléter avant le")
    demandee_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="demandée par"
    )
    demandee_le = models.DateTimeField("demandée le")
    depot_avant = models.ForeignKey(
        Depot, on_delete=models.PROTECT, related_name="+", verbose_name="dépôt de référence", null=True
    )
    repondue_le = models.DateTimeField("complétée le", null=True, blank=True)
    depot_reponse = models.ForeignKey(
        Depot, on_delete=models.PROTECT, related_name="+", verbose_name="dépôt complété", null=True, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "demande de compléments"
        verbose_name_plural = "demandes de compléments"
        ordering = ["dossier", "-demandee_le"]
        get_latest_by = "demandee_le"

    def __str__(self):
        return f"Compléments demandés le {self.demandee_le:%d/%m/%Y} – {self.dossier}"

    @property
    def elements_libelles(self) -> list[str]:
        return [ElementComplement(e).label for e in self.elements]


class CritereAnalyse(models.Model):
    """A criterion of the grille d'analyse of a campagne, scored 0 to 3 on every dossier."""

    campagne = models.ForeignKey(Campagne, on_delete=models.CASCADE, related_name="criteres_analyse")
    libelle = models.CharField("critère", max_length=200)
    aide = models.TextField("ce que l'on regarde", blank=True)
    ordre = models.PositiveSmallIntegerField("ordre", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "critère de la grille d'analyse"
        verbose_name_plural = "grille d'analyse (critères)"
        ordering = ["campagne", "ordre", "pk"]

    def __str__(self):
        return self.libelle


class NoteCritere(models.Model):
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="notes_criteres")
    critere = models.ForeignKey(CritereAnalyse, on_delete=models.PROTECT, related_name="notes")
    note = models.PositiveSmallIntegerField("note (0 à 3)", null=True, blank=True, validators=[MaxValueValidator(3)])
    commentaire = models.TextField("commentaire", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "note de la grille d'analyse"
        verbose_name_plural = "notes de la grille d'analyse"
        constraints = [
            models.UniqueConstraint(fields=["dossier", "critere"], name="une_note_par_critere"),
            models.CheckConstraint(condition=Q(note__lte=3), name="note_critere_0_a_3"),
        ]

    def __str__(self):
        return f"{self.critere} – {self.dossier}"


class NoteInterne(models.Model):
    """A private note of the instruction: never shown to the porteur nor published."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="notes_internes")
    auteur = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    texte = models.TextField("note")
    ecrite_le = models.DateTimeField("écrite le", auto_now_add=True)

    class Meta:
        verbose_name = "note interne"
        verbose_name_plural = "notes internes"
        ordering = ["dossier", "ecrite_le"]

    def __str__(self):
        return f"Note de {self.auteur} – {self.dossier}"


class Message(models.Model):
    """The thread between the instruction and the porteur about one dossier; each message is mailed."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="messages")
    auteur = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    de_l_instruction = models.BooleanField("écrit par l'instruction")
    texte = models.TextField("message")
    envoye_le = models.DateTimeField("envoyé le", auto_now_add=True)

    class Meta:
        verbose_name = "message"
        ordering = ["dossier", "envoye_le"]

    def __str__(self):
        return f"Message de {self.auteur} – {self.dossier}"


class PieceMessage(FichierPrive):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="pieces")

    class Meta:
        verbose_name = "pièce jointe à un message"
        verbose_name_plural = "pièces jointes aux messages"

    def __str__(self):
        return self.nom_original

    def dossier_de_stockage(self) -> str:
        return f"dossiers/{self.message.dossier_id}/messages"
