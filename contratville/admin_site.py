"""The admin site: Django's, made safe against tampered input in three places where Django itself would answer
with a 500, for every registered admin and its inlines:

- a changelist's selection ("abc", an id beyond bigint) is filtered with `pk__in` before any action runs;
- an autocomplete widget looks up the posted value to show the refused form again;
- an inline nobody may add to builds the extra rows a tampered TOTAL_FORMS asks for, without their fields;
- a multiple choice filters with `pk__in` on ids beyond what the database stores (SQLite raises OverflowError).

It also shows read-only, to everyone, the fields only services write (projets/admin_base.py, CHAMPS_GOUVERNES),
and refuses simple-history's revert of a model that has such fields.
"""

from functools import cache, wraps

from axes.apps import AppConfig as AxesConfig
from django.contrib import admin, messages
from django.contrib.admin.apps import AdminConfig
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.forms import ModelMultipleChoiceField
from django.http import HttpResponseRedirect

from contratville.identifiants import PK_MAX


def _identifiant_valide(valeur: str) -> bool:
    return valeur.isascii() and valeur.isdigit() and 0 < int(valeur) <= PK_MAX


class _ChoixExistants:
    """Shows again only the posted values that can be looked up; the field itself says the others are invalid."""

    def optgroups(self, name, value, attr=None):
        cible = self.field.remote_field.model._meta.get_field(self.field.remote_field.field_name)

        def lisible(valeur) -> bool:
            try:
                prete = cible.get_prep_value(cible.to_python(valeur))
            except (ValidationError, ValueError, TypeError):
                return False
            return not isinstance(prete, int) or abs(prete) <= PK_MAX

        return super().optgroups(name, [v for v in value if v in ("", None) or lisible(v)], attr)


class AutocompleteSelectSur(_ChoixExistants, AutocompleteSelect):
    pass


class AutocompleteSelectMultipleSur(_ChoixExistants, AutocompleteSelectMultiple):
    pass


WIDGETS_SURS = {AutocompleteSelect: AutocompleteSelectSur, AutocompleteSelectMultiple: AutocompleteSelectMultipleSur}


class _IdsDansLesBornes:
    """A multiple choice refuses an integer id beyond bigint with its own message, before querying the database."""

    def _check_values(self, value):
        modele = self.queryset.model._meta
        cle = modele.pk if self.to_field_name in (None, "pk") else modele.get_field(self.to_field_name)
        if isinstance(cle, models.IntegerField) and isinstance(value, list | tuple):
            for pk in value:
                texte = str(pk).strip()
                if texte.lstrip("+-").isdigit() and abs(int(texte)) > PK_MAX:
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                    )
        return super()._check_values(value)


@cache
def _choix_multiple_sur(classe):
    return type(classe.__name__, (_IdsDansLesBornes, classe), {"__module__": classe.__module__})


class _SansNouvellesLignes:
    def total_form_count(self):
        total = super().total_form_count()
        return min(total, self.initial_form_count()) if self.is_bound else total


class SaisiesSuresMixin:
    def get_readonly_fields(self, request, obj=None):
        from projets.admin_base import champs_gouvernes  # models are not loaded when this module is

        lecture_seule = list(super().get_readonly_fields(request, obj))
        return lecture_seule + [champ for champ in champs_gouvernes(self.model) if champ not in lecture_seule]

    # simple-history's "revert to this version" saves the whole past row, read-only fields included, and asks only
    # for the view permission: it would bring back a past state or amount behind the services' back.
    def revert_disabled(self, request, obj=None):
        from projets.admin_base import champs_gouvernes

        return bool(champs_gouvernes(self.model)) or super().revert_disabled(request, obj)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            obj = self.get_object(request, object_id)
            if obj is None or not self.has_change_permission(request, obj) or self.revert_disabled(request, obj):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        widget = getattr(formfield, "widget", None)
        widget = getattr(widget, "widget", widget)  # inside the admin's RelatedFieldWidgetWrapper
        if type(widget) in WIDGETS_SURS:
            widget.__class__ = WIDGETS_SURS[type(widget)]
        if isinstance(formfield, ModelMultipleChoiceField) and not isinstance(formfield, _IdsDansLesBornes):
            formfield.__class__ = _choix_multiple_sur(type(formfield))
        return formfield

    def get_inlines(self, request, obj):
        return [sure(inline) for inline in super().get_inlines(request, obj)]

    def get_formset(self, request, obj=None, **kwargs):  # inlines
        formset = super().get_formset(request, obj, **kwargs)
        if not self.has_add_permission(request, obj):
            formset = type(formset.__name__, (_SansNouvellesLignes, formset), {})
        return formset


@cache
def sure(classe):
    """The admin (or inline) class with SaisiesSuresMixin first in line."""
    return type(classe.__name__, (SaisiesSuresMixin, classe), {"__module__": classe.__module__})


class SiteAdmin(admin.AdminSite):
    def register(self, model_or_iterable, admin_class=None, **options):
        return super().register(model_or_iterable, sure(admin_class or admin.ModelAdmin), **options)

    def admin_view(self, view, cacheable=False):
        protegee = super().admin_view(view, cacheable)

        @wraps(view)
        def vue(request, *args, **kwargs):
            selection = request.POST.getlist(ACTION_CHECKBOX_NAME) if request.method == "POST" else []
            if not all(_identifiant_valide(valeur) for valeur in selection):
                messages.error(request, "Sélection invalide : rechargez la page puis cochez à nouveau les lignes.")
                return HttpResponseRedirect(request.get_full_path())
            return protegee(request, *args, **kwargs)

        return vue


class AdministrationConfig(AdminConfig):
    default_site = "contratville.admin_site.SiteAdmin"


class JournalDesConnexionsConfig(AxesConfig):
    """django-axes' login logs, named for what they are: « Axes » next to « Axes stratégiques » misled people."""

    verbose_name = "Journal des connexions"
