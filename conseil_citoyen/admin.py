"""The conseil citoyen in the admin: composition with its warnings, members, the tirage au sort (administrators
only: personal data), and a meeting page where avis, designations and FPH decisions are recorded — every write
through conseil_citoyen/services, refusals shown next to the field."""

import datetime

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_POST
from simple_history.admin import SimpleHistoryAdmin

from conseil_citoyen.enums import StatutDemandeFPH, StatutMembre
from conseil_citoyen.forms import AvisForm, DecisionFPHForm, DesignationForm, ImportListeForm, TirageForm
from conseil_citoyen.models import (
    AvisConseilCitoyen,
    College,
    ConseilCitoyen,
    DemandeFPH,
    Designation,
    FondsParticipation,
    Membre,
    PersonneTiree,
    Reunion,
    SiegeReserve,
    Temoin,
    TirageAuSort,
)
from conseil_citoyen.selectors import composition
from conseil_citoyen.services import documents, fph, reunions, tirage
from projets.admin_base import LignesNommeesForm, PorteeDuSelecteurMixin
from projets.rules import ETATS_ECARTES
from projets.selectors import dossiers_visibles


def _vers_formulaire(form, erreur) -> None:
    if isinstance(erreur, ValidationError) and hasattr(erreur, "error_dict"):
        for champ, liste in erreur.message_dict.items():
            form.add_error(champ if champ in form.fields else None, liste)
    else:
        form.add_error(None, erreur.messages if isinstance(erreur, ValidationError) else str(erreur))


class CollegeInline(admin.TabularInline):
    model = College
    form = LignesNommeesForm
    extra = 0
    fields = ["type", "sieges", "part_minimum", "parite", "residence_qpv"]


@admin.register(ConseilCitoyen)
class ConseilCitoyenAdmin(SimpleHistoryAdmin):
    list_display = ["nom", "quartier", "contrat", "mis_en_place_le"]
    inlines = [CollegeInline]
    readonly_fields = ["etat_de_la_composition"]
    autocomplete_fields = ["association_porteuse"]

    @admin.display(description="composition")
    def etat_de_la_composition(self, obj):
        if not obj.pk:
            return "—"
        etat = composition(conseil=obj)
        lignes = [
            (f"{college.get_type_display()} : {n} membre(s) actif(s) sur {college.sieges} sièges",)
            for college, n in etat.par_college
        ]
        lignes.append((f"Quorum : {etat.quorum} présent(s) sur {etat.membres} membres.",))
        lignes += [(f"{'Erreur' if a.niveau == 'erreur' else 'Attention'} : {a.message}",) for a in etat.alertes]
        if etat.nouveau_tirage:
            lignes.append((f"Nouveau tirage au sort à prévoir : {etat.nouveau_tirage}",))
        if etat.volontaires:
            femmes, hommes = etat.volontaires["F"], etat.volontaires["H"]
            lignes.append((f"Sièges de volontaires à pourvoir : {femmes} femme(s), {hommes} homme(s).",))
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", lignes))


class SiegeReserveInline(admin.TabularInline):
    model = SiegeReserve
    form = LignesNommeesForm
    extra = 0


@admin.register(College)
class CollegeAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "conseil"]
    inlines = [SiegeReserveInline]


@admin.register(Membre)
class MembreAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "college", "mode", "sexe", "statut", "debut_mandat", "fin_mandat", "renouvellements"]
    list_filter = ["conseil", "college__type", "mode", "statut", "sexe"]
    search_fields = ["nom", "prenom"]
    autocomplete_fields = ["structure", "user"]
    readonly_fields = ["personne_tiree"]
    actions = ["renouveler", "demission"]

    @admin.action(description="Renouveler le mandat des membres sélectionnés")
    def renouveler(self, request, queryset):
        for membre in queryset.filter(statut=StatutMembre.ACTIF):
            try:
                tirage.mandat_renouveler(membre=membre)
            except ValidationError as erreur:
                self.message_user(request, f"{membre} : {' '.join(erreur.messages)}", messages.ERROR)
            else:
                self.message_user(request, f"Mandat de {membre} renouvelé jusqu'au {membre.fin_mandat:%d/%m/%Y}.")

    @admin.action(description="Enregistrer la démission (remplacement par la liste complémentaire)")
    def demission(self, request, queryset):
        for membre in queryset.filter(statut=StatutMembre.ACTIF):
            remplacant = tirage.membre_quitter(
                membre=membre, statut=StatutMembre.DEMISSIONNAIRE, le=datetime.date.today()
            )
            if remplacant:
                self.message_user(request, f"{membre} est remplacé·e par {remplacant}.", messages.SUCCESS)
            else:
                self.message_user(request, f"Démission de {membre} enregistrée.", messages.INFO)


class TemoinInline(admin.TabularInline):
    model = Temoin
    form = LignesNommeesForm
    extra = 1

    def has_change_permission(self, request, obj=None):
        return obj is None or obj.effectue_le is None

    has_add_permission = has_delete_permission = has_change_permission


class PersonneTireeInline(admin.TabularInline):
    """The people drawn, in rank order, with their answer (the rest of the list is not shown)."""

    model = PersonneTiree
    form = LignesNommeesForm
    extra = 0
    fields = ["rang", "prenom", "nom", "adresse", "sexe", "source", "courrier_le", "reponse", "reponse_le"]
    readonly_fields = ["rang", "prenom", "nom", "adresse", "sexe", "source"]
    can_delete = False
    verbose_name_plural = "personnes tirées au sort et leurs réponses"

    def get_queryset(self, request):
        return super().get_queryset(request).filter(rang__isnull=False).order_by("rang")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(TirageAuSort)
class TirageAuSortAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "conseil", "nombre", "graine", "effectue_le", "purge_le"]
    inlines = [TemoinInline, PersonneTireeInline]
    change_form_template = "admin/conseil_citoyen/tirageausort/change_form.html"

    def get_readonly_fields(self, request, obj=None):
        fixes = ["graine", "empreinte_liste", "effectue_le", "effectue_par", "purge_le", "taille_liste"]
        return fixes + (["conseil", "type", "sexe", "date", "nombre"] if obj and obj.effectue_le else [])

    @admin.display(description="personnes sur la liste")
    def taille_liste(self, obj):
        return obj.personnes.count() if obj.pk else 0

    def get_urls(self):
        vue = self.admin_site.admin_view
        return [
            path("<int:pk>/importer/", vue(self.importer_view), name="conseil_citoyen_tirage_importer"),
            path("<int:pk>/tirer/", vue(self.tirer_view), name="conseil_citoyen_tirage_tirer"),
            path("<int:pk>/installer/", vue(self.installer_view), name="conseil_citoyen_tirage_installer"),
            path("<int:pk>/purger/", vue(self.purger_view), name="conseil_citoyen_tirage_purger"),
            path("<int:pk>/proces-verbal.pdf", vue(self.pv_view), name="conseil_citoyen_tirage_pv"),
            path("<int:pk>/invitations.pdf", vue(self.lettres_view), name="conseil_citoyen_tirage_lettres"),
            *super().get_urls(),
        ]

    def _tirage(self, request, pk, *, ecriture=False) -> TirageAuSort:
        objet = get_object_or_404(self.get_queryset(request).select_related("conseil__contrat"), pk=pk)
        peut = self.has_change_permission if ecriture else self.has_view_permission
        if not peut(request, objet):
            raise PermissionDenied
        return objet

    def _page(self, request, objet, titre, form, gabarit):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": objet,
            "title": titre,
            "form": form,
        }
        return TemplateResponse(request, f"admin/conseil_citoyen/tirageausort/{gabarit}", context)

    def _retour(self, objet):
        return HttpResponseRedirect(reverse("admin:conseil_citoyen_tirageausort_change", args=[objet.pk]))

    def importer_view(self, request, pk):
        objet = self._tirage(request, pk, ecriture=True)
        form = ImportListeForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                nombre = tirage.liste_importer(
                    tirage=objet, source=form.cleaned_data["source"], contenu=form.cleaned_data["fichier"]
                )
            except ValidationError as erreur:
                _vers_formulaire(form, erreur)
                if "contenu" in getattr(erreur, "message_dict", {}):
                    form.add_error("fichier", erreur.message_dict["contenu"])
            else:
                messages.success(request, f"{nombre} personne(s) ajoutée(s) à la liste.")
                return self._retour(objet)
        return self._page(request, objet, f"Importer une liste – {objet}", form, "importer.html")

    def tirer_view(self, request, pk):
        objet = self._tirage(request, pk, ecriture=True)
        form = TirageForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            graine = form.cleaned_data["graine"] or tirage.graine_nouvelle()
            try:
                tires = tirage.tirage_effectuer(tirage=objet, graine=graine, by=request.user)
            except ValidationError as erreur:
                _vers_formulaire(form, erreur)
            else:
                messages.success(request, f"{len(tires)} personnes tirées au sort avec la graine « {graine} ».")
                return self._retour(objet)
        return self._page(request, objet, f"Tirer au sort – {objet}", form, "tirer.html")

    @method_decorator(require_POST)
    def installer_view(self, request, pk):
        objet = self._tirage(request, pk, ecriture=True)
        membres = tirage.retenus_installer(tirage=objet, debut=datetime.date.today())
        messages.success(request, f"{len(membres)} nouveau(x) membre(s) au conseil citoyen.")
        return self._retour(objet)

    @method_decorator(require_POST)
    def purger_view(self, request, pk):
        objet = self._tirage(request, pk, ecriture=True)
        try:
            supprimees = tirage.tirage_purger(tirage=objet)
        except ValidationError as erreur:
            messages.error(request, " ".join(erreur.messages))
        else:
            messages.success(request, f"{supprimees} personne(s) sans réponse retirée(s) de la liste.")
        return self._retour(objet)

    def _pdf(self, contenu: bytes, nom: str) -> HttpResponse:
        reponse = HttpResponse(contenu, content_type="application/pdf")
        reponse["Content-Disposition"] = f'attachment; filename="{nom}"'
        reponse["Cache-Control"] = "no-store"
        return reponse

    def pv_view(self, request, pk):
        objet = self._tirage(request, pk)
        return self._pdf(documents.proces_verbal_tirage_pdf(tirage=objet), f"proces-verbal-tirage-{objet.date}.pdf")

    def lettres_view(self, request, pk):
        objet = self._tirage(request, pk)
        return self._pdf(documents.lettres_invitation_pdf(tirage=objet), f"invitations-tirage-{objet.date}.pdf")


@admin.register(Reunion)
class ReunionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "conseil", "lieu", "nombre_presents"]
    list_filter = ["conseil"]
    filter_horizontal = ["presents"]
    change_form_template = "admin/conseil_citoyen/reunion/change_form.html"

    @admin.display(description="présents")
    def nombre_presents(self, obj):
        return obj.presents.count()

    def get_urls(self):
        vue = self.admin_site.admin_view
        return [
            path("<int:pk>/decisions/", vue(self.decisions_view), name="conseil_citoyen_reunion_decisions"),
            *super().get_urls(),
        ]

    def decisions_view(self, request, pk):
        reunion = get_object_or_404(self.get_queryset(request).select_related("conseil__contrat"), pk=pk)
        if not self.has_view_permission(request, reunion):
            raise PermissionDenied
        conseil = reunion.conseil
        post = request.POST if request.method == "POST" else None
        forms = {
            "avis": AvisForm(
                post if "avis" in request.POST else None,
                prefix="avis",
                dossiers=_dossiers_du_contrat(conseil, user=request.user),
            ),
            "designation": DesignationForm(
                post if "designation" in request.POST else None,
                prefix="designation",
                membres=conseil.membres.filter(statut=StatutMembre.ACTIF),
                initial={"annee": reunion.date.year},
            ),
            "fph": DecisionFPHForm(
                post if "fph" in request.POST else None,
                prefix="fph",
                demandes=DemandeFPH.objects.filter(fonds__conseil=conseil, statut=StatutDemandeFPH.DEPOSEE),
            ),
        }
        if request.method == "POST":
            for nom, form in forms.items():
                if nom in request.POST and form.is_valid():
                    try:
                        texte = self._decider(nom, form.cleaned_data, reunion, request.user)
                    except (ValidationError, PermissionDenied) as erreur:
                        _vers_formulaire(form, erreur)
                    else:
                        messages.success(request, texte)
                        return HttpResponseRedirect(request.path)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": reunion,
            "title": f"Décisions – {reunion}",
            "quorum": reunions.quorum_reunion(reunion=reunion),
            "forms": forms,
        }
        return TemplateResponse(request, "admin/conseil_citoyen/reunion/decisions.html", context)

    @staticmethod
    def _decider(nom, donnees, reunion, by) -> str:
        if nom == "avis":
            avis = reunions.avis_adopter(reunion=reunion, by=by, **donnees)
            return f"Avis {avis.get_avis_display().lower()} enregistré sur {avis.dossier}."
        if nom == "designation":
            designation = reunions.designation_enregistrer(reunion=reunion, by=by, **donnees)
            return f"Désignation enregistrée : {designation}."
        demande = fph.fph_decider(
            demande=donnees["demande"],
            reunion=reunion,
            statut=donnees["statut"],
            montant=donnees["montant_accorde"],
            motif=donnees["motif"],
            by=by,
        )
        return f"Demande « {demande} » : {demande.get_statut_display().lower()}."


def _dossiers_du_contrat(conseil, *, user):
    from projets.models import Dossier

    return (
        Dossier.objects.filter(
            campagne__contrat_id=conseil.contrat_id, pk__in=dossiers_visibles(user=user).values("pk")
        )
        .exclude(etat__in=ETATS_ECARTES)
        .select_related("porteur")
        .order_by("-campagne__annee", "numero")
    )


class LectureSeuleAdmin(SimpleHistoryAdmin):
    """Written from the meeting page (services check quorum and recusal), read here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(AvisConseilCitoyen)
class AvisConseilCitoyenAdmin(PorteeDuSelecteurMixin, LectureSeuleAdmin):
    portee = ("dossier", dossiers_visibles)
    list_display = ["dossier", "avis", "rendu_le", "reunion"]
    list_select_related = ["dossier", "reunion"]


@admin.register(Designation)
class DesignationAdmin(LectureSeuleAdmin):
    list_display = ["membre", "organe", "role", "annee", "reunion"]
    list_filter = ["annee", "organe"]


@admin.register(FondsParticipation)
class FondsParticipationAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "montant", "solde"]

    @admin.display(description="solde")
    def solde(self, obj):
        from contratville.formatting import format_euros

        return format_euros(fph.fonds_solde(obj))


@admin.register(DemandeFPH)
class DemandeFPHAdmin(LectureSeuleAdmin):
    list_display = ["titre", "fonds", "montant_demande", "statut", "montant_accorde", "deposee_le"]
    list_filter = ["statut", "fonds"]
