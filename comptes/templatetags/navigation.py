from django import template

from comptes.roles import navigation_du_role

register = template.Library()


@register.simple_tag(takes_context=True)
def navigation(context):
    """The main navigation of the person (see comptes.roles): (label, URL, current page?) triples."""
    request = context.get("request")
    user = context.get("user") or getattr(request, "user", None)
    if user is None:
        return []
    chemin = request.path if request else ""
    return [(libelle, url, chemin == url) for libelle, url in navigation_du_role(user)]
