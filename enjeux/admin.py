from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from enjeux.models import (
    Avenant,
    AxeStrategique,
    ContratDeVille,
    Enjeu,
    ObjectifOperationnel,
    Pilier,
    PrioriteTransversale,
    Quartier,
)


class AvenantInline(admin.TabularInline):
    model = Avenant
    extra = 0


@admin.register(ContratDeVille)
class ContratDeVilleAdmin(SimpleHistoryAdmin):
    list_display = ["nom", "commune", "epci", "annee_debut", "annee_fin"]
    prepopulated_fields = {"slug": ["nom"]}
    inlines = [AvenantInline]


@admin.register(Pilier)
class PilierAdmin(SimpleHistoryAdmin):
    list_display = ["libelle", "code", "ordre"]


@admin.register(PrioriteTransversale)
class PrioriteTransversaleAdmin(SimpleHistoryAdmin):
    list_display = ["libelle", "obligatoire", "ordre"]


class AxeInline(admin.TabularInline):
    model = AxeStrategique
    extra = 0
    fields = ["numero", "titre"]


@admin.register(Enjeu)
class EnjeuAdmin(SimpleHistoryAdmin):
    list_display = ["numero", "titre", "contrat"]
    list_display_links = ["titre"]
    list_filter = ["contrat"]
    inlines = [AxeInline]


@admin.register(AxeStrategique)
class AxeStrategiqueAdmin(SimpleHistoryAdmin):
    list_display = ["code", "titre", "enjeu"]
    list_filter = ["enjeu__contrat", "enjeu", "piliers"]
    list_select_related = ["enjeu"]
    search_fields = ["titre"]
    filter_horizontal = ["piliers"]


@admin.register(ObjectifOperationnel)
class ObjectifOperationnelAdmin(SimpleHistoryAdmin):
    list_display = ["annee", "axe", "numero", "libelle", "date_validation_copil"]
    list_filter = ["annee", "axe__enjeu"]
    list_select_related = ["axe__enjeu"]
    autocomplete_fields = ["axe"]


@admin.register(Quartier)
class QuartierAdmin(SimpleHistoryAdmin):
    list_display = ["nom", "type", "parent", "population", "actif", "contrat"]
    list_filter = ["contrat", "type", "actif"]
    list_select_related = ["parent", "contrat"]
    search_fields = ["nom"]
