import datetime

from django import template

from contratville import formatting
from contratville.formatting import format_euros

register = template.Library()


@register.filter
def euros(value):
    """12500 → "12 500,00 €"."""
    return format_euros(value, 2)


@register.filter
def euros_arrondis(value):
    """1132366 → "1 132 366 €", for headline figures."""
    return format_euros(value, 0)


@register.filter
def pluriel(count, forms="action,actions"):
    """ "1 action", "18 actions": French singular for 0 and 1."""
    singular, plural = forms.split(",")
    return f"{count} {singular if count in (0, 1) else plural}"


@register.filter
def date_iso(value):
    """ "2031-01-15" (as stored in JSON snapshots) → "15/01/2031"."""
    if not value:
        return ""
    try:
        return datetime.date.fromisoformat(str(value)[:10]).strftime("%d/%m/%Y")
    except ValueError:
        return value


@register.filter
def champ(form, name):
    """{{ form|champ:"compte_60" }}: the bound field of a dynamically named field."""
    return form[name]


@register.filter
def montant_saisie(value):
    """A form value as the porteur would type it: Decimal("1500.00") → "1500,00"; typed text is kept as is."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return value
    return f"{value:.2f}".replace(".", ",")


@register.filter(name="de")
def de(nom):
    """{{ financeur|de }} → "de l'État", "du Conseil départemental", "d'Agglopolys" (contratville/formatting.py)."""
    return formatting.de(nom)


@register.filter(name="a")
def a(nom):
    """{{ financeur|a }} → "à l'État", "au Département", "aux Jardins"."""
    return formatting.a(nom)


@register.filter
def moyens_humains(porteur: dict) -> str:
    """A porteur's people as filled in (a snapshot's dict): "12 adhérent·es, 1 salarié·e (0,8 ETPT)"; "—" if none."""
    salaries = formatting.effectif(porteur.get("nombre_salaries"), "salarié·e", "salarié·es")
    etpt = formatting.effectif(porteur.get("salaries_etpt"), "ETPT", "ETPT")
    morceaux = [
        formatting.effectif(porteur.get("nombre_adherents"), "adhérent·e", "adhérent·es"),
        formatting.effectif(porteur.get("nombre_benevoles"), "bénévole", "bénévoles"),
        f"{salaries} ({etpt})" if salaries and etpt else salaries or etpt,
        formatting.effectif(porteur.get("nombre_volontaires"), "volontaire", "volontaires"),
    ]
    return ", ".join(morceau for morceau in morceaux if morceau) or "—"
