"""The suivi in the admin. Conventions, payments, bilans, reminders and reports are written by the services (their
rules, states and audit live there): the admin shows them read-only, with their history. Indicators are the
contract's configuration: editable here, their values are entered on the staff page."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from projets.admin_base import LignesNommeesForm, PorteeDuSelecteurMixin
from projets.selectors import dossiers_visibles
from projets.selectors_admin import porteurs_visibles
from suivi.models import (
    Bilan,
    BilanLigneBudget,
    BilanQuartier,
    BilanReponseEgalite,
    Convention,
    EngagementAnnuel,
    Indicateur,
    Rapport,
    Relance,
    SuiviAction,
    ValeurIndicateur,
    Versement,
)


class LectureSeuleMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class LectureSeuleInline(LectureSeuleMixin, admin.TabularInline):
    form = LignesNommeesForm
    extra = 0


class EngagementInline(LectureSeuleInline):
    model = EngagementAnnuel
    fields = ["annee", "financeur", "montant"]


@admin.register(Convention)
class ConventionAdmin(LectureSeuleMixin, PorteeDuSelecteurMixin, SimpleHistoryAdmin):
    portee = ("porteur", porteurs_visibles)
    list_display = ["numero", "porteur", "type", "annee_debut", "annee_fin", "date_signature"]
    list_filter = ["type", "annee_debut"]
    search_fields = ["numero", "porteur__raison_sociale"]
    inlines = [EngagementInline]


@admin.register(EngagementAnnuel)
class EngagementAnnuelAdmin(LectureSeuleMixin, PorteeDuSelecteurMixin, SimpleHistoryAdmin):
    portee = ("convention__porteur", porteurs_visibles)
    list_display = ["convention", "annee", "financeur", "montant"]
    list_filter = ["annee", "financeur"]
    list_select_related = ["convention__porteur", "financeur"]


@admin.register(Versement)
class VersementAdmin(LectureSeuleMixin, PorteeDuSelecteurMixin, SimpleHistoryAdmin):
    portee = ("ligne__dossier", dossiers_visibles)
    list_display = ["ligne", "type", "montant_prevu", "date_prevue", "montant_verse", "date_versement"]
    list_filter = ["type", "ligne__financeur"]
    list_select_related = ["ligne__dossier", "ligne__financeur"]
    search_fields = ["ligne__dossier__numero", "ligne__dossier__intitule", "reference"]


@admin.register(SuiviAction)
class SuiviActionAdmin(LectureSeuleMixin, PorteeDuSelecteurMixin, SimpleHistoryAdmin):
    portee = ("dossier", dossiers_visibles)
    list_display = ["dossier", "debut_reel", "fin_reelle", "annulee_le"]
    list_select_related = ["dossier"]
    search_fields = ["dossier__numero", "dossier__intitule"]


class BilanLigneBudgetInline(LectureSeuleInline):
    model = BilanLigneBudget
    fields = ["compte", "financeur", "prevu", "realise", "explication"]


class BilanQuartierInline(LectureSeuleInline):
    model = BilanQuartier
    fields = ["quartier", "nombre"]


class BilanReponseEgaliteInline(LectureSeuleInline):
    model = BilanReponseEgalite
    fields = ["question", "choix", "precisions"]


@admin.register(Bilan)
class BilanAdmin(LectureSeuleMixin, PorteeDuSelecteurMixin, SimpleHistoryAdmin):
    portee = ("dossier", dossiers_visibles)
    list_display = ["dossier", "etat", "date_limite", "depose_le", "valide_le"]
    list_filter = ["etat", "dossier__campagne__annee"]
    list_select_related = ["dossier"]
    search_fields = ["dossier__numero", "dossier__intitule", "dossier__porteur__raison_sociale"]
    inlines = [BilanLigneBudgetInline, BilanQuartierInline, BilanReponseEgaliteInline]


@admin.register(BilanLigneBudget, BilanQuartier, BilanReponseEgalite)
class LigneDeBilanAdmin(LectureSeuleMixin, PorteeDuSelecteurMixin, admin.ModelAdmin):
    portee = ("bilan__dossier", dossiers_visibles)
    list_select_related = ["bilan__dossier"]


@admin.register(Relance)
class RelanceAdmin(LectureSeuleMixin, PorteeDuSelecteurMixin, admin.ModelAdmin):
    portee = ("dossier", dossiers_visibles)
    list_display = ["dossier", "palier", "echeance", "envoyee_le"]
    list_filter = ["palier"]
    list_select_related = ["dossier"]


@admin.register(Rapport)
class RapportAdmin(LectureSeuleMixin, admin.ModelAdmin):
    list_display = ["type", "format", "annee", "statut", "demande_le", "fin", "tentatives"]
    list_filter = ["type", "format", "statut"]
    readonly_fields = ["erreur"]


class ValeurIndicateurInline(LectureSeuleInline):
    model = ValeurIndicateur
    fields = ["annee", "cible", "valeur", "commentaire"]


@admin.register(Indicateur)
class IndicateurAdmin(PorteeDuSelecteurMixin, SimpleHistoryAdmin):
    portee, portee_facultative = ("dossier", dossiers_visibles), True  # the contract's own indicators have none
    list_display = ["libelle", "type", "unite", "objectif", "dossier", "actif"]
    list_filter = ["type", "actif", "contrat"]
    list_select_related = ["objectif__axe__enjeu", "dossier"]
    search_fields = ["libelle", "service"]
    autocomplete_fields = ["dossier"]
    inlines = [ValeurIndicateurInline]


@admin.register(ValeurIndicateur)
class ValeurIndicateurAdmin(LectureSeuleMixin, PorteeDuSelecteurMixin, SimpleHistoryAdmin):
    portee, portee_facultative = ("indicateur__dossier", dossiers_visibles), True
    list_display = ["indicateur", "annee", "cible", "valeur"]
    list_filter = ["annee"]
    list_select_related = ["indicateur"]
