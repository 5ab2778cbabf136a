"""What the admin modules of projets share."""

from django import forms


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
