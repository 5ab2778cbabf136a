from django import template

register = template.Library()


@register.filter
def nombre_fr(nombre) -> str:
    """12.50 → "12,5", 30.00 → "30" (an indicator's value, without useless decimals)."""
    if nombre is None or nombre == "":
        return ""
    return f"{nombre.normalize():f}".replace(".", ",")
