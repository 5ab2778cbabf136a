"""What the admin modules of projets share."""

import re
from collections.abc import Callable

from django import forms
from django.db.models import Q, QuerySet


class LignesNommeesForm(forms.ModelForm):
    """A tabular inline shows no label next to each field: name the field and its row for screen readers."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        ligne = str(self.instance) if self.instance.pk else "nouvelle ligne"
        for field in self.fields.values():
            field.widget.attrs.setdefault("aria-label", f"{field.label} : {ligne}")


class HistoriqueRestreintMixin:
    """simple-history shows the history of an object outside get_queryset (it falls back to the historical rows):
    whoever may not read the object must not read its history either (a partner outside the campagnes they are
    invited to, any staff on a never-deposited draft)."""

    def has_view_history_or_change_history_permission(self, request, obj=None):
        if obj is not None and not self.get_queryset(request).filter(pk=obj.pk).exists():
            return False
        return super().has_view_history_or_change_history_permission(request, obj)


class PorteeDuSelecteurMixin(HistoriqueRestreintMixin):
    """The rows of an admin whose objects belong to a dossier, a structure or a campagne, scoped by the selector of the
    user's pages (changelist, change and history pages, autocomplete): `portee` is the path from a row to what the
    selector returns ("" for the model itself) and the selector; `portee_facultative` keeps the rows without one."""

    portee: tuple[str, Callable[..., QuerySet]]
    portee_facultative = False

    def get_queryset(self, request):
        chemin, selecteur = self.portee
        visibles = Q(**{f"{chemin}__in" if chemin else "pk__in": selecteur(user=request.user).values("pk")})
        if self.portee_facultative:
            visibles |= Q(**{f"{chemin}__isnull": True})
        return super().get_queryset(request).filter(visibles)


# Fields written only by their services (state transitions, amounts, avis and decisions, publication, numbering,
# dépôts): read-only in every ModelAdmin and inline, superusers included (contratville/admin_site.py applies it).
# A new field whose name looks governed (MOTIF_CHAMP_GOUVERNE) must be declared here or in CHAMPS_DE_CONFIGURATION:
# tests/test_admin_service_governed_fields_read_only.py fails otherwise.
CHAMPS_GOUVERNES: dict[str, tuple[str, ...]] = {
    "projets.Campagne": ("dernier_numero",),
    "projets.Dossier": (
        "campagne", "porteur", "numero", "etat", "version", "publie", "depose_le", "referent", "synthese",
        "montant_atteste", "attestation_honneur", "saisies_en_attente", "porteur_nom_decision",
    ),
    "projets.LigneFinancement": (
        "dossier", "montant_demande", "montant_propose", "montant_vote", "avis", "commentaire_avis", "referent",
        "version",
    ),
    "projets.LigneBudget": ("montant",),
    "projets.Depot": ("version", "depose_le", "depose_par", "contenu", "empreinte", "recepisse"),
    "projets.DocumentPorteur": ("depose_le", "depose_par"),
    "projets.PieceJointe": ("deposee_le", "deposee_par"),
    "projets.TransitionDossier": ("de", "vers", "par", "le"),
    "projets.DemandeComplements": ("depot_avant", "depot_reponse", "repondue_le"),
    "projets.StatistiqueCampagne": ("montant_demande", "montant_vote"),
    "projets.Seance": ("statut", "close_le", "close_par"),
    "projets.Examen": ("avis", "commentaire"),  # the COTECH's avis, recorded on its page (services/cotech.py)
    "projets.DecisionLigne": ("decision", "montant_vote", "motif", "par", "verrouillee", "version"),
    "projets.Amendement": ("decision", "avant", "apres", "par", "le"),
    "projets.Travail": ("statut", "progression", "etape", "empreinte", "fichier"),
    "conseil_citoyen.Membre": ("statut", "statut_le", "renouvellements", "personne_tiree"),
    "conseil_citoyen.PersonneTiree": ("rang", "source"),
    "conseil_citoyen.TirageAuSort": ("graine", "empreinte_liste", "effectue_le", "effectue_par", "purge_le"),
    "conseil_citoyen.AvisConseilCitoyen": ("avis", "texte", "rendu_le", "membres_recuses"),
    "conseil_citoyen.DemandeFPH": ("montant_demande", "deposee_le", "statut", "montant_accorde", "motif", "reunion"),
    "suivi.Bilan": ("etat", "version", "depose_le", "depose_par", "valide_le", "valide_par", "seance_copil"),
    "suivi.Convention": ("numero",),
    "suivi.EngagementAnnuel": ("montant",),
    "suivi.Versement": ("montant_prevu", "montant_verse", "date_versement", "saisi_par", "version"),
    "suivi.ValeurIndicateur": ("valeur", "cible", "saisie_par"),
    "suivi.Rapport": ("statut", "progression", "etape", "empreinte", "fichier"),
}  # fmt: skip

# Names that look governed but are configuration typed in the admin (a référentiel's numbering, a budget envelope).
CHAMPS_DE_CONFIGURATION: dict[str, tuple[str, ...]] = {
    "enjeux.Enjeu": ("numero",),
    "enjeux.AxeStrategique": ("numero",),
    "enjeux.ObjectifOperationnel": ("numero",),
    "projets.QuestionEgalite": ("numero",),
    "projets.Financeur": ("montants_indicatifs",),
    "projets.Enveloppe": ("montant",),
    "conseil_citoyen.FondsParticipation": ("montant",),
    # No service opens or closes a call yet: the administrator sets its state (issue to open).
    "projets.Campagne": ("etat",),
}

MOTIF_CHAMP_GOUVERNE = re.compile(
    r"(^|_)(etat|statut|montants?|avis|decision|publie|numero|version|depose|deposee|valide|verrouillee|verse)(_|$)"
)


def champs_gouvernes(modele) -> tuple[str, ...]:
    return CHAMPS_GOUVERNES.get(modele._meta.label, ())
