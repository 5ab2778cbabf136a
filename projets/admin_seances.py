"""Séances in the admin. A COPIL séance is run from here: presence, agenda, vote grid per financeur line with
live totals, batch validation of the proposals, recusals, closing, amendments and the documents of the worker.
Every write goes through projets/services/copil.py; these views only parse input and show the result."""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.forms.models import BaseInlineFormSet, modelformset_factory
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.views.decorators.http import require_POST
from simple_history.admin import SimpleHistoryAdmin

from projets.admin_base import HistoriqueRestreintMixin, LignesNommeesForm, PorteeDuSelecteurMixin
from projets.enums import Decision, StatutSeance, TypeInstance, TypeTravail
from projets.forms.copil import AmendementForm, ClotureForm, ConflitForm, DecisionForm
from projets.models import Amendement, Convocation, DecisionLigne, Examen, MembreInstance, Recusation, Seance
from projets.rules import ZERO, dossier_examinable_en_cotech
from projets.selectors import campagnes_visibles, dossiers_visibles
from projets.selectors_copil import ordre_du_jour, recusations_de_seance, seance_quorum, totaux_de_seance
from projets.services import copil
from projets.services.instruction import ModificationConcurrente

# Beyond this many dossiers the séance page shows a count and a link instead of the agenda inline: the admin
# renders one form per row (20 s for 2 000 rows), and nobody reorders 2 000 rows on one page anyway.
ORDRE_DU_JOUR_EN_LIGNE = 100
ORDRE_DU_JOUR_PAR_PAGE = 100


class ExamenFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        for form in self.forms:
            dossier = getattr(form, "cleaned_data", {}).get("dossier")
            if dossier and not form.cleaned_data.get("DELETE"):
                if not dossier_examinable_en_cotech(dossier=dossier, seance=self.instance):
                    form.add_error(
                        "dossier",
                        "Choisissez un dossier déposé de la campagne de la séance, ni retiré ni irrecevable.",
                    )


class ExamenInline(admin.TabularInline):
    model = Examen
    formset = ExamenFormSet
    extra = 0
    autocomplete_fields = ["dossier"]
    fields = ["dossier", "avis", "commentaire"]


class ConvocationInline(admin.TabularInline):
    """Presence is ticked here at the start of the meeting; the quorum above counts it."""

    model = Convocation
    form = LignesNommeesForm
    extra = 0
    fields = ["membre", "present"]
    verbose_name_plural = "membres convoqués et présence"

    def get_readonly_fields(self, request, obj=None):
        return ["membre"] if obj and obj.statut == StatutSeance.PREPARATION else ["membre", "present"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        # The séance and its instance too: each row's label names them (two queries per row otherwise).
        return super().get_queryset(request).select_related("membre__suppleant_de", "seance__comite")


class OrdreDuJourInline(admin.TabularInline):
    """The COPIL's agenda, ranked enjeu → axe when prepared; change a rank to examine a dossier earlier."""

    model = Examen
    form = LignesNommeesForm
    extra = 0
    fields = ["rang", "dossier"]
    readonly_fields = ["dossier"]
    verbose_name_plural = "ordre du jour (rang modifiable)"

    def has_add_permission(self, request, obj=None):
        return False  # « Préparer l'ordre du jour » adds the dossiers with their financing lines

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return ["dossier"] if obj and obj.statut == StatutSeance.PREPARATION else ["dossier", "rang"]

    def get_queryset(self, request):
        return (
            super().get_queryset(request).select_related("dossier__porteur", "seance__comite").order_by("rang", "pk")
        )


class RangForm(forms.ModelForm):
    """One row of the paginated agenda: its rank, named after its dossier for screen readers."""

    class Meta:
        model = Examen
        fields = ["rang"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["rang"].widget.attrs["aria-label"] = f"Rang du dossier {self.instance.dossier}"


RangFormSet = modelformset_factory(Examen, form=RangForm, extra=0, edit_only=True)


class RecusationInline(admin.TabularInline):
    model = Recusation
    extra = 0
    fields = ["dossier", "membre", "motif", "automatique"]
    readonly_fields = fields
    verbose_name_plural = "déports (conflits d'intérêts)"

    def has_add_permission(self, request, obj=None):
        return False  # declared through the form of the vote page, checked by the service

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("membre", "dossier__porteur", "seance__comite")


def _texte(error: ValidationError | PermissionDenied) -> str:
    return " ".join(error.messages) if isinstance(error, ValidationError) else str(error)


def _vers_formulaire(form, error: ValidationError | PermissionDenied) -> None:
    """A service's refusal shown next to the field it concerns, or at the top of the form."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for champ, liste in error.message_dict.items():
            form.add_error(champ if champ in form.fields else None, liste)
    else:
        form.add_error(None, error.messages if isinstance(error, ValidationError) else str(error))


@admin.register(Seance)
class SeanceAdmin(HistoriqueRestreintMixin, SimpleHistoryAdmin):
    list_display = ["__str__", "comite", "campagne", "lieu", "statut"]
    list_filter = ["comite__type", "statut", ("campagne", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["comite", "campagne"]
    filter_horizontal = ["participants"]
    change_form_template = "admin/projets/seance/change_form.html"

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["comite", "campagne", "date", "lieu"]
        if obj.comite.type == TypeInstance.COPIL:
            return ["comite", "campagne", "date", "lieu", "statut", "close_le", "close_par", "compte_rendu"]
        return ["comite", "campagne", "date", "lieu", "participants", "autres_participants", "compte_rendu"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        fixes = ["comite", "campagne", "statut", "close_le", "close_par"]
        return fixes + (["date", "lieu"] if obj.statut == StatutSeance.CLOSE else [])

    def get_inlines(self, request, obj):
        if obj is None:
            return []
        if obj.comite.type != TypeInstance.COPIL:
            return [ExamenInline]
        if self._ordre_du_jour_pagine(request, obj):
            return [ConvocationInline, RecusationInline]  # the agenda has its own paginated page
        return [ConvocationInline, OrdreDuJourInline, RecusationInline]

    def _nombre_examens(self, request, seance: Seance) -> int:
        # Counted once per request: the dashboard and the choice of inlines both need it.
        comptes = request.__dict__.setdefault("_examens_par_seance", {})
        if seance.pk not in comptes:
            comptes[seance.pk] = seance.examens.count()
        return comptes[seance.pk]

    def _ordre_du_jour_pagine(self, request, seance: Seance) -> bool:
        return self._nombre_examens(request, seance) > ORDRE_DU_JOUR_EN_LIGNE

    def get_queryset(self, request):
        # Partners see only the séances of the campagnes they are invited to, in the admin as on the staff pages.
        visibles = super().get_queryset(request).filter(campagne__in=campagnes_visibles(user=request.user))
        return visibles.select_related("comite", "campagne")  # the séance page reads both

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "campagne":
            kwargs["queryset"] = campagnes_visibles(user=request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "participants":
            kwargs["queryset"] = get_user_model().objects.filter(is_staff=True)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def response_add(self, request, obj, post_url_continue=None):
        if obj.comite.type == TypeInstance.COPIL:
            try:
                copil.seance_convoquer(seance=obj, by=request.user)
            except (PermissionDenied, ValidationError):
                pass  # a secretary without the COPIL role convokes later from the séance page
        return super().response_add(request, obj, post_url_continue)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        seance = self.get_object(request, object_id)
        extra_context = dict(extra_context or {})
        if seance is not None and seance.comite.type == TypeInstance.COPIL:
            extra_context.update(self._tableau_de_bord(request, seance))
        elif seance is not None:
            extra_context["page_cotech"] = reverse("cotech_seance", args=[seance.pk])
        return super().change_view(request, object_id, form_url, extra_context)

    def _tableau_de_bord(self, request, seance: Seance) -> dict:
        return {
            "copil": True,
            "quorum": seance_quorum(seance=seance),
            "totaux": totaux_de_seance(seance=seance),
            "nombre_examens": self._nombre_examens(request, seance),
            "ordre_du_jour_pagine": self._ordre_du_jour_pagine(request, seance),
            "travaux": seance.travaux.order_by("-demande_le")[:6],
            "types_documents": [(t.value, t.label) for t in TypeTravail],
        }

    # --- Views of a COPIL séance -----------------------------------------------------------------------------

    def get_urls(self):
        vue = self.admin_site.admin_view
        return [
            path("<int:pk>/vote/", vue(self.vote_view), name="projets_seance_vote"),
            path("<int:pk>/ordre-du-jour/", vue(self.ordre_du_jour_view), name="projets_seance_ordre_du_jour"),
            path("<int:pk>/preparer/", vue(self.preparer_view), name="projets_seance_preparer"),
            path("<int:pk>/conflit/", vue(self.conflit_view), name="projets_seance_conflit"),
            path("<int:pk>/clore/", vue(self.clore_view), name="projets_seance_clore"),
            path("<int:pk>/amender/<int:decision_pk>/", vue(self.amender_view), name="projets_seance_amender"),
            path("<int:pk>/documents/", vue(self.documents_view), name="projets_seance_documents"),
            *super().get_urls(),
        ]

    def _seance_copil(self, request, pk: int, *, ecriture: bool = False) -> Seance:
        seance = get_object_or_404(self.get_queryset(request).select_related("comite", "campagne"), pk=pk)
        if seance.comite.type != TypeInstance.COPIL:
            raise Http404
        allowed = (
            self.has_change_permission(request, seance) if ecriture else self.has_view_permission(request, seance)
        )
        if not allowed:
            raise PermissionDenied
        return seance

    def _contexte(self, request, seance: Seance, titre: str) -> dict:
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": seance,
            "seance": seance,
            "title": titre,
            "peut_modifier": self.has_change_permission(request, seance),
        }

    def _retour(self, seance: Seance, vue: str = "admin:projets_seance_change") -> HttpResponseRedirect:
        return HttpResponseRedirect(reverse(vue, args=[seance.pk]))

    def ordre_du_jour_view(self, request, pk):
        """The agenda of a long séance, a page at a time; ranks editable while the séance is in preparation."""
        seance = self._seance_copil(request, pk, ecriture=request.method == "POST")
        # The permissions the agenda inline of the séance page asked for: the séance's and its rows'.
        peut_ordonner = self.has_change_permission(request, seance) and request.user.has_perm("projets.change_examen")
        if request.method == "POST" and not peut_ordonner:
            raise PermissionDenied
        modifiable = peut_ordonner and seance.statut == StatutSeance.PREPARATION
        examens = seance.examens.select_related("dossier__porteur").order_by("rang", "pk")
        page = Paginator(examens, ORDRE_DU_JOUR_PAR_PAGE).get_page(request.GET.get("page"))
        ici = f"{reverse('admin:projets_seance_ordre_du_jour', args=[seance.pk])}?page={page.number}"
        if request.method == "POST" and not modifiable:
            messages.error(request, "La séance est close : son ordre du jour ne change plus.")
            return HttpResponseRedirect(ici)
        data = request.POST if request.method == "POST" else None
        formset = RangFormSet(data, queryset=page.object_list, prefix="examens")
        if data is not None and self._enregistrer_rangs(request, seance, formset):
            return HttpResponseRedirect(ici)
        context = {
            **self._contexte(request, seance, f"Ordre du jour – {seance}"),
            "page": page,
            "formset": formset,
            "modifiable": modifiable,
            "pages": page.paginator.get_elided_page_range(page.number),
        }
        return TemplateResponse(request, "admin/projets/seance/ordre_du_jour.html", context)

    def _enregistrer_rangs(self, request, seance: Seance, formset) -> bool:
        if not formset.is_valid():
            return False  # the page says so above the rows, each error next to its field
        if any(not form.instance.pk for form in formset.forms):  # a row no longer on this page of the agenda
            messages.error(request, "L'ordre du jour a changé entre-temps : rechargez la page.")
            return False
        rangs = {form.instance.pk: form.cleaned_data["rang"] for form in formset.forms if form.has_changed()}
        try:
            changes = copil.ordre_du_jour_reordonner(seance=seance, rangs=rangs, by=request.user)
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, _texte(error))
            return False
        if changes:
            self.log_change(request, seance, f"Ordre du jour : {changes} rang(s) modifié(s).")
            messages.success(request, f"{changes} rang(s) modifié(s) à l'ordre du jour.")
        else:
            messages.info(request, "Aucun rang n'a changé.")
        return True

    def vote_view(self, request, pk):
        seance = self._seance_copil(request, pk, ecriture=request.method == "POST")
        grille = ordre_du_jour(seance=seance, user=request.user)
        # A long agenda is voted a page at a time: one form per line of 2 000 dossiers took 18 s to render.
        page = None
        if len(grille) > ORDRE_DU_JOUR_EN_LIGNE:
            page = Paginator(grille, ORDRE_DU_JOUR_PAR_PAGE).get_page(request.GET.get("page"))
            grille = list(page.object_list)
        ici = reverse("admin:projets_seance_vote", args=[seance.pk]) + (f"?page={page.number}" if page else "")
        modifiables = [
            ligne.decision
            for entree in grille
            for ligne in entree.lignes
            if not ligne.recuse and not ligne.decision.verrouillee
        ]
        data = request.POST if request.method == "POST" and "enregistrer" in request.POST else None
        forms = {decision.pk: DecisionForm(data, decision=decision) for decision in modifiables}
        if request.method == "POST":
            if "lot" in request.POST:
                self._action_par_lot(request, seance)
                return HttpResponseRedirect(ici)
            if self._enregistrer(request, forms.values()):
                return HttpResponseRedirect(ici)
        totaux = totaux_de_seance(seance=seance)
        for total in totaux:
            saisi = (
                d.montant_vote
                for d in modifiables
                if d.ligne.financeur_id == total.financeur.pk and d.decision == Decision.ACCORDE and d.montant_vote
            )
            total.hors_saisie = total.vote - sum(saisi, ZERO)
        for entree in grille:
            for ligne in entree.lignes:
                ligne.form = forms.get(ligne.decision.pk)
        context = {
            **self._contexte(request, seance, f"Ordre du jour et vote – {seance}"),
            "grille": grille,
            "totaux": totaux,
            "quorum": seance_quorum(seance=seance),
            "conflit_form": self._conflit_form(seance),
            "page": page,
            "pages": page.paginator.get_elided_page_range(page.number) if page else [],
        }
        return TemplateResponse(request, "admin/projets/seance/vote.html", context)

    def _enregistrer(self, request, forms) -> bool:
        """Save every changed line through the service; on any error, nothing typed is lost (bound forms)."""
        enregistrees = erreurs = 0
        for form in forms:
            if not form.is_valid():
                erreurs += 1
                continue
            if not form.a_change():
                continue
            try:
                enregistree = copil.decision_enregistrer(
                    decision=form.decision,
                    by=request.user,
                    version=form.cleaned_data["version"],
                    choix=form.cleaned_data["decision"],
                    montant_vote=form.cleaned_data["montant_vote"],
                    motif=form.cleaned_data["motif"],
                )
                enregistrees += 1
                # Shown again if another line fails: the next save must carry the new version.
                form.data = form.data.copy()
                form.data[form.add_prefix("version")] = enregistree.version
            except ModificationConcurrente as conflit:
                details = "; ".join(f"{c.champ} : {c.avant} → {c.apres}" for c in conflit.changements)
                form.add_error(None, f"{conflit.messages[0]} {details}".strip())
                erreurs += 1
            except (ValidationError, PermissionDenied) as error:
                _vers_formulaire(form, error)
                erreurs += 1
        if enregistrees:
            messages.success(request, f"{enregistrees} décision(s) enregistrée(s).")
        if erreurs:
            messages.error(
                request,
                f"{erreurs} ligne(s) n'ont pas été enregistrées : corrigez les champs signalés ci-dessous "
                "(vos saisies sont conservées).",
            )
            return False
        if not enregistrees:
            messages.info(request, "Aucune décision n'a changé.")
        return True

    def _action_par_lot(self, request, seance):
        choisis = request.POST.getlist("dossiers")
        if request.POST.get("action") != "valider_propositions" or not choisis:
            messages.warning(request, "Cochez au moins un dossier et choisissez une action.")
            return self._retour(seance, "admin:projets_seance_vote")
        try:
            resultat = copil.propositions_valider(
                seance=seance, dossiers=seance.examens.filter(dossier__in=choisis).values("dossier"), by=request.user
            )
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, _texte(error))
            return self._retour(seance, "admin:projets_seance_vote")
        texte = f"Propositions validées pour {resultat.validees} ligne(s)."
        if resultat.deja_decidees:
            texte += f" {resultat.deja_decidees} ligne(s) déjà décidée(s) n'ont pas changé."
        if resultat.recusees:
            texte += f" {resultat.recusees} ligne(s) ignorée(s) : vous êtes déporté ou déportée sur ces dossiers."
        messages.success(request, texte)
        return self._retour(seance, "admin:projets_seance_vote")

    def _conflit_form(self, seance, data=None):
        return ConflitForm(
            data,
            dossiers=seance.campagne.dossiers.filter(examens__seance=seance).select_related("porteur"),
            membres=MembreInstance.objects.filter(comite_id=seance.comite_id, actif=True),
        )

    @method_decorator(require_POST)
    def preparer_view(self, request, pk):
        seance = self._seance_copil(request, pk, ecriture=True)
        try:
            convoques = copil.seance_convoquer(seance=seance, by=request.user)
            ajoutes = copil.ordre_du_jour_preparer(seance=seance, by=request.user)
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, _texte(error))
        else:
            messages.success(
                request,
                f"{ajoutes} dossier(s) proposé(s) au COPIL ajouté(s) à l'ordre du jour, {convoques} membre(s) "
                "convoqué(s). Les déports des membres liés aux structures sont enregistrés.",
            )
        return self._retour(seance)

    @method_decorator(require_POST)
    def conflit_view(self, request, pk):
        seance = self._seance_copil(request, pk, ecriture=True)
        form = self._conflit_form(seance, request.POST)
        if form.is_valid():
            try:
                copil.conflit_declarer(seance=seance, by=request.user, **form.cleaned_data)
                messages.success(request, "Le déport est enregistré : ce membre ne prend pas part à la décision.")
            except (ValidationError, PermissionDenied) as error:
                messages.error(request, _texte(error))
        else:
            messages.error(request, " ".join(m for liste in form.errors.values() for m in liste))
        return self._retour(seance, "admin:projets_seance_vote")

    def clore_view(self, request, pk):
        seance = self._seance_copil(request, pk, ecriture=True)
        form = ClotureForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                copil.seance_clore(
                    seance=seance, by=request.user, confirmer_depassement=form.cleaned_data["confirmer_depassement"]
                )
            except (ValidationError, PermissionDenied) as error:
                _vers_formulaire(form, error)
            else:
                messages.success(request, "La séance est close : les décisions sont arrêtées et verrouillées.")
                return self._retour(seance)
        context = {
            **self._contexte(request, seance, f"Clore la séance – {seance}"),
            "form": form,
            "manques": copil.manques_pour_clore(seance=seance) if seance.statut == StatutSeance.PREPARATION else [],
            "depassements": copil.depassements(seance=seance),
            "quorum": seance_quorum(seance=seance),
            "recusations": recusations_de_seance(seance=seance),
        }
        return TemplateResponse(request, "admin/projets/seance/clore.html", context)

    def amender_view(self, request, pk, decision_pk):
        seance = self._seance_copil(request, pk, ecriture=True)
        decision = get_object_or_404(
            DecisionLigne.objects.select_related("ligne__financeur", "ligne__dossier__porteur"),
            pk=decision_pk,
            seance=seance,
        )
        initial = {"decision": decision.decision, "montant_vote": decision.montant_vote, "motif": decision.motif}
        form = AmendementForm(request.POST if request.method == "POST" else None, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                copil.decision_amender(
                    decision=decision,
                    by=request.user,
                    choix=form.cleaned_data["decision"],
                    montant_vote=form.cleaned_data["montant_vote"],
                    motif=form.cleaned_data["motif"],
                    motif_amendement=form.cleaned_data["motif_amendement"],
                )
            except (ValidationError, PermissionDenied) as error:
                _vers_formulaire(form, error)
            else:
                messages.success(request, "L'amendement est enregistré dans l'historique de la décision.")
                return self._retour(seance, "admin:projets_seance_vote")
        context = {
            **self._contexte(request, seance, f"Amender une décision – {decision.ligne}"),
            "form": form,
            "decision": decision,
            "amendements": decision.amendements.select_related("par"),
        }
        return TemplateResponse(request, "admin/projets/seance/amender.html", context)

    @method_decorator(require_POST)
    def documents_view(self, request, pk):
        from projets.services.travaux import travail_lancer

        seance = self._seance_copil(request, pk)
        if not request.user.has_perm("projets.add_travail"):
            raise PermissionDenied
        type_travail = request.POST.get("type")
        if type_travail not in TypeTravail.values:
            messages.error(request, "Document inconnu.")
            return self._retour(seance)
        if type_travail == TypeTravail.LETTRES and seance.statut != StatutSeance.CLOSE:
            messages.error(request, "Les lettres de décision sont envoyées une fois la séance close.")
            return self._retour(seance)
        cible = {"campagne": seance.campagne} if type_travail == TypeTravail.PROGRAMMATION else {"seance": seance}
        travail = travail_lancer(type=type_travail, par=request.user, **cible)
        messages.success(request, f"{travail.get_type_display()} : demandé, sa progression s'affiche ci-dessous.")
        return HttpResponseRedirect(reverse("admin:projets_travail_change", args=[travail.pk]))


@admin.register(Amendement)
class AmendementAdmin(PorteeDuSelecteurMixin, admin.ModelAdmin):
    """Read-only: an amendment is written from the vote page of its séance, never edited afterwards."""

    portee = ("decision__ligne__dossier", dossiers_visibles)

    list_display = ["le", "decision", "motif", "par"]
    list_select_related = ["decision__ligne__financeur", "decision__ligne__dossier", "par"]
    readonly_fields = ["decision", "motif", "avant", "apres", "par", "le", "seance"]
    fields = readonly_fields

    @admin.display(description="séance")
    def seance(self, obj):
        url = reverse("admin:projets_seance_vote", args=[obj.decision.seance_id])
        return format_html('<a href="{}">{}</a>', url, obj.decision.seance)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
