"""Rate limits of the forms that send mail or create records (django-ratelimit): per address for anonymous
visitors, per account once signed in. Over the limit, a French 429 page (contratville.views.trop_de_requetes).

The visitor's address is read by `adresse_client`, for the rate limits (RATELIMIT_IP_META_KEY) and the login
lockout of django-axes (AXES_CLIENT_IP_CALLABLE) alike."""

import ipaddress

from django.conf import settings
from django_ratelimit.decorators import ratelimit


def _adresse_valide(valeur: str) -> str | None:
    try:
        return str(ipaddress.ip_address(valeur.strip()))
    except ValueError:
        return None


def adresse_client(request) -> str:
    """The visitor's address. With no proxy declared (AXES_IPWARE_PROXY_COUNT = 0), the connection's own
    address: X-Forwarded-For is written by the client and proves nothing. Behind N proxies, each one appends the
    address it received the request from, so the N-th entry from the right is the one the outermost proxy saw;
    whatever stands left of it was written by the client and is ignored."""
    connexion = request.META.get("REMOTE_ADDR", "")
    proxys = settings.AXES_IPWARE_PROXY_COUNT or 0
    if proxys <= 0:
        return connexion
    chaine = [adresse for adresse in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if adresse.strip()]
    if len(chaine) < proxys:  # not through every declared proxy: only the connection is known for sure
        return connexion
    return _adresse_valide(chaine[-proxys]) or connexion


def _adresse_electronique(group, request) -> str:
    """Password reset per e-mail address too: many addresses cannot flood one mailbox."""
    return "courriel:" + request.POST.get("email", "").strip().casefold()


par_adresse = ratelimit(key="ip", rate="10/h", method="POST", block=True)
par_compte = ratelimit(key="user_or_ip", rate="30/h", method="POST", block=True)


def reinitialisation(view):
    """Password reset sends mail to anyone's address: 5 an hour per visitor and 5 an hour per e-mail address."""
    par_courriel = ratelimit(key=_adresse_electronique, rate="5/h", method="POST", block=True)
    return ratelimit(key="ip", rate="5/h", method="POST", block=True)(par_courriel(view))
