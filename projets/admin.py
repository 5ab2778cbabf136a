from django.contrib import admin, messages
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from projets.models import (
    Campagne,
    Dossier,
    Enveloppe,
    Financeur,
    LigneFinancement,
    Porteur,
    PorteurMembre,
    PrioriteOperationnelle,
    PrioriteTransversaleCampagne,
    Volet,
)
from projets.tasks import refresh_campagne_statistique


@admin.register(Financeur)
class FinanceurAdmin(SimpleHistoryAdmin):
    list_display = ["nom", "type", "nature", "appel_a_projets", "actif"]
    list_filter = ["type", "nature", "appel_a_projets", "actif"]
    search_fields = ["nom", "sigle"]


class PrioriteOperationnelleInline(admin.TabularInline):
    model = PrioriteOperationnelle
    extra = 0
    fields = ["ordre", "groupe", "libelle", "enjeux"]


class PrioriteTransversaleInline(admin.TabularInline):
    model = PrioriteTransversaleCampagne
    extra = 0
    fields = ["ordre", "libelle"]


class EnveloppeInline(admin.TabularInline):
    model = Enveloppe
    extra = 0
    autocomplete_fields = ["financeur"]


@admin.register(Campagne)
class CampagneAdmin(SimpleHistoryAdmin):
    list_display = ["libelle", "contrat", "etat", "date_ouverture", "date_cloture"]
    list_filter = ["contrat", "etat"]
    inlines = [PrioriteOperationnelleInline, PrioriteTransversaleInline, EnveloppeInline]
    actions = ["recalculer_chiffres_cles"]

    @admin.action(description="Recalculer les chiffres clés des campagnes sélectionnées")
    def recalculer_chiffres_cles(self, request, queryset):
        for campagne in queryset:
            refresh_campagne_statistique.delay(campagne.pk)
        self.message_user(request, f"Recalcul lancé pour {queryset.count()} campagne(s).", messages.SUCCESS)


@admin.register(Volet)
class VoletAdmin(SimpleHistoryAdmin):
    list_display = ["code", "titre", "campagne"]
    list_filter = ["campagne"]


class PorteurMembreInline(admin.TabularInline):
    model = PorteurMembre
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Porteur)
class PorteurAdmin(SimpleHistoryAdmin):
    list_display = ["raison_sociale", "sigle", "forme_juridique", "siret", "rna", "commune"]
    list_filter = ["forme_juridique"]
    search_fields = ["raison_sociale", "sigle", "siret", "rna"]
    inlines = [PorteurMembreInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class LigneFinancementInline(admin.TabularInline):
    model = LigneFinancement
    extra = 0
    autocomplete_fields = ["financeur"]


@admin.register(Dossier)
class DossierAdmin(SimpleHistoryAdmin):
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
    readonly_fields = ["numero", "version", "cree_le", "modifie_le", "depose_le"]
    inlines = [LigneFinancementInline]
