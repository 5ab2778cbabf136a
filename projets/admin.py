from django.contrib import admin, messages
from django.db import models
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from contratville.outbox import envoyer_apres_commit
from projets.admin_base import HistoriqueRestreintMixin
from projets.models import (
    Campagne,
    CritereAnalyse,
    Depot,
    DocumentPorteur,
    Dossier,
    Enveloppe,
    Financeur,
    LigneBudget,
    LigneFinancement,
    PieceJointe,
    Porteur,
    PorteurMembre,
    PrioriteOperationnelle,
    PrioriteTransversaleCampagne,
    QuestionEgalite,
    ReponseEgalite,
    TransitionDossier,
    Volet,
)
from projets.selectors import campagnes_visibles, dossiers_visibles, est_partenaire_limite
from projets.services.publication import dossiers_publier
from projets.tasks import refresh_campagne_statistique


class LectureSeuleInline(admin.TabularInline):
    """What the porteur submitted or the system recorded: shown to staff, never edited in the admin."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


def lien_telechargement(url_name, obj, libelle):
    if obj.pk is None:  # a row the formset built from tampered input: nothing stored, nothing to download
        return "—"
    return format_html('<a href="{}">{}</a>', reverse(url_name, args=[obj.pk]), libelle)


@admin.register(Financeur)
class FinanceurAdmin(SimpleHistoryAdmin):
    list_display = ["nom", "type", "nature", "appel_a_projets", "actif"]
    list_filter = ["type", "nature", "appel_a_projets", "actif"]
    search_fields = ["nom", "sigle"]
    filter_horizontal = ["agents"]


class PrioriteOperationnelleInline(admin.TabularInline):
    model = PrioriteOperationnelle
    extra = 0
    fields = ["ordre", "groupe", "libelle", "enjeux"]


class PrioriteTransversaleInline(admin.TabularInline):
    model = PrioriteTransversaleCampagne
    extra = 0
    fields = ["ordre", "libelle"]


class CritereAnalyseInline(admin.TabularInline):
    model = CritereAnalyse
    extra = 0
    fields = ["ordre", "libelle", "aide"]


class EnveloppeInline(admin.TabularInline):
    model = Enveloppe
    extra = 0
    autocomplete_fields = ["financeur"]


@admin.register(Campagne)
class CampagneAdmin(HistoriqueRestreintMixin, SimpleHistoryAdmin):
    list_display = ["libelle", "contrat", "etat", "date_ouverture", "date_cloture"]
    list_filter = ["contrat", "etat"]
    inlines = [PrioriteOperationnelleInline, PrioriteTransversaleInline, EnveloppeInline, CritereAnalyseInline]
    filter_horizontal = ["partenaires_invites"]

    def get_queryset(self, request):
        return super().get_queryset(request) & campagnes_visibles(user=request.user)

    actions = ["recalculer_chiffres_cles"]

    @admin.action(description="Recalculer les chiffres clés des campagnes sélectionnées")
    def recalculer_chiffres_cles(self, request, queryset):
        for campagne in queryset:
            envoyer_apres_commit(refresh_campagne_statistique, campagne.pk)
        self.message_user(request, f"Recalcul lancé pour {queryset.count()} campagne(s).", messages.SUCCESS)


@admin.register(Volet)
class VoletAdmin(SimpleHistoryAdmin):
    list_display = ["code", "titre", "campagne"]
    list_filter = ["campagne"]


class PorteurMembreInline(admin.TabularInline):
    model = PorteurMembre
    extra = 0
    autocomplete_fields = ["user"]


class DocumentPorteurInline(LectureSeuleInline):
    model = DocumentPorteur
    fields = ["type", "date_document", "telecharger", "depose_le"]
    readonly_fields = fields

    @admin.display(description="fichier")
    def telecharger(self, obj):
        return lien_telechargement("document_porteur_telecharger", obj, obj.nom_original)


@admin.register(Porteur)
class PorteurAdmin(SimpleHistoryAdmin):
    list_display = ["raison_sociale", "sigle", "forme_juridique", "siret", "rna", "commune"]
    list_filter = ["forme_juridique"]
    search_fields = ["raison_sociale", "sigle", "siret", "rna"]
    inlines = [PorteurMembreInline, DocumentPorteurInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request):
        # Partners see only the structures of the dossiers they may read (members' e-mails are on this page).
        structures = super().get_queryset(request)
        if est_partenaire_limite(request.user):
            structures = structures.filter(pk__in=dossiers_visibles(user=request.user).values("porteur_id"))
        return structures


class LigneFinancementInline(admin.TabularInline):
    model = LigneFinancement
    extra = 0
    autocomplete_fields = ["financeur"]


class LigneBudgetInline(LectureSeuleInline):
    model = LigneBudget
    fields = ["compte", "montant", "precisions"]
    readonly_fields = fields


class ReponseEgaliteInline(LectureSeuleInline):
    model = ReponseEgalite
    fields = ["question", "choix", "precisions"]
    readonly_fields = fields


class PieceJointeInline(LectureSeuleInline):
    model = PieceJointe
    fields = ["libelle", "telecharger", "taille", "deposee_le"]
    readonly_fields = fields

    @admin.display(description="fichier")
    def telecharger(self, obj):
        return lien_telechargement("piece_jointe_telecharger", obj, obj.nom_original)


class DepotInline(LectureSeuleInline):
    model = Depot
    fields = ["version", "depose_le", "depose_par", "empreinte", "recepisse_pdf"]
    readonly_fields = fields

    @admin.display(description="récépissé")
    def recepisse_pdf(self, obj):
        return lien_telechargement("dossier_recepisse", obj.dossier, "Télécharger le récépissé")


class TransitionDossierInline(LectureSeuleInline):
    model = TransitionDossier
    fields = ["le", "de", "vers", "par", "motif"]
    readonly_fields = fields


@admin.register(Dossier)
class DossierAdmin(HistoriqueRestreintMixin, SimpleHistoryAdmin):
    list_display = ["intitule", "porteur", "campagne", "etat", "volet", "publie"]
    list_filter = ["campagne", "etat", "publie", "axes__enjeu"]
    list_select_related = ["porteur", "campagne", "volet"]
    search_fields = ["intitule", "numero", "porteur__raison_sociale"]
    autocomplete_fields = ["porteur", "reconduit_de"]
    filter_horizontal = [
        "quartiers",
        "axes",
        "objectifs_operationnels",
        "priorites_operationnelles",
        "priorites_transversales",
    ]
    # The state changes only through projets/workflows.py (dossier_transition), never by editing the field;
    # référent and synthesis are written on the instruction page, whose services check who acts and concurrency.
    readonly_fields = [
        "numero", "etat", "page_instruction", "referent", "synthese", "version", "cree_le", "modifie_le", "depose_le",
    ]  # fmt: skip

    @admin.display(description="instruction")
    def page_instruction(self, obj):
        return (
            format_html('<a href="{}">Ouvrir la page d\'instruction</a>', obj.get_instruction_url()) if obj.pk else "—"
        )

    def get_queryset(self, request):
        # Partners see only the dossiers of the campagnes they are invited to, in the admin as elsewhere.
        return super().get_queryset(request).filter(pk__in=dossiers_visibles(user=request.user).values("pk"))

    actions = ["publier"]

    @admin.action(
        description="Publier sur le site les dossiers cochés retenus par un COPIL clos", permissions=["change"]
    )
    def publier(self, request, queryset):
        publies = sum(
            dossiers_publier(campagne=campagne, by=request.user, parmi=queryset)
            for campagne in Campagne.objects.filter(pk__in=queryset.values("campagne"))
        )
        ignores = queryset.count() - publies
        self.message_user(request, f"{publies} action(s) publiée(s) sur le site.", messages.SUCCESS)
        if ignores:
            self.message_user(
                request,
                f"{ignores} dossier(s) coché(s) non publié(s) : déjà publiés, ou pas retenus par un COPIL clos.",
                messages.WARNING,
            )

    inlines = [
        LigneFinancementInline,
        LigneBudgetInline,
        ReponseEgaliteInline,
        PieceJointeInline,
        DepotInline,
        TransitionDossierInline,
    ]


@admin.register(QuestionEgalite)
class QuestionEgaliteAdmin(SimpleHistoryAdmin):
    list_display = ["numero", "moment", "texte"]
    list_filter = ["moment"]


from projets import admin_seances, admin_travaux  # noqa: E402, F401  (séances and COPIL vote; generated documents)
