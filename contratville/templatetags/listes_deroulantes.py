"""<option> elements of a long list in one Python call: a public filter may list thousands of structures, and the
template loop cost a tenth of a second per page at national scale (bench/RESULTS.md)."""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def options_select(options, valeur):
    """`options` have .valeur, .libelle and an optional .nombre shown in brackets; `valeur` is selected."""
    morceaux = []
    for option in options:
        nombre = getattr(option, "nombre", None)
        libelle = conditional_escape(option.libelle) + (f" ({nombre})" if nombre is not None else "")
        selection = " selected" if option.valeur == valeur else ""
        morceaux.append(f'<option value="{conditional_escape(option.valeur)}"{selection}>{libelle}</option>')
    return mark_safe("\n      ".join(morceaux))  # noqa: S308 - every piece is escaped above
