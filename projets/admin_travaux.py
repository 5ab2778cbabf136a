"""The generation jobs in the admin: read-only, with a progress bar that follows the job on its own."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from projets.enums import StatutTravail
from projets.models import Travail
from projets.selectors_travaux import libelle_progression, travaux_visibles
from projets.services.travaux import ACTIFS
from projets.views.travaux import nom_du_fichier


@admin.register(Travail)
class TravailAdmin(admin.ModelAdmin):
    list_display = ["type", "cible", "statut", "progression_barre", "etape", "demande_le", "duree_lisible"]
    list_filter = ["type", "statut"]
    date_hierarchy = "demande_le"
    fields = [
        "type",
        "cible",
        "statut",
        "progression_barre",
        "demande_par",
        "demande_le",
        "debut",
        "fin",
        "duree_lisible",
        "tentatives",
        "erreur",
        "empreinte",
        "telechargement",
    ]
    readonly_fields = fields

    class Media:
        js = ["js/travail.js"]

    def get_queryset(self, request):
        return travaux_visibles(user=request.user)

    # Jobs are launched from the séance and campagne pages and written by the worker only.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="campagne ou séance")
    def cible(self, obj):
        return obj.campagne or obj.seance

    @admin.display(description="progression")
    def progression_barre(self, obj):
        actif = obj.statut in ACTIFS
        return format_html(
            '<div data-travail-statut="{}" data-actif="{}">'
            '<progress max="100" value="{}" aria-label="Progression">{} %</progress> '
            '<span data-travail-texte aria-live="polite">{}</span></div>',
            reverse("travail_statut", args=[obj.pk]),
            "1" if actif else "0",
            obj.progression,
            obj.progression,
            libelle_progression(obj),
        )

    @admin.display(description="durée")
    def duree_lisible(self, obj):
        duree = obj.duree
        return f"{duree.total_seconds():.1f} s".replace(".", ",") if duree else "—"

    @admin.display(description="fichier")
    def telechargement(self, obj):
        if obj.statut != StatutTravail.REUSSI or not obj.fichier:
            return "—"
        url = reverse("travail_telecharger", args=[obj.pk])
        return format_html('<a href="{}">Télécharger {}</a>', url, nom_du_fichier(obj))
