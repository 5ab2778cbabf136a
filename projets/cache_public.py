"""Cache of what every page of the public list recomputes from the whole year: the headline figures and the
options of the filters. At national scale these aggregate tens of thousands of lines per request.

Entries are keyed by a generation number that any write able to change them bumps (signals below: a publicly
visible dossier or a voted line saved, a séance closed), so a closed séance or a publication shows at once when
the cache is shared (CACHE_URL, Redis in production). Writes that bypass the signals (queryset.update, a
per-process cache) show within DUREE seconds.
"""

import functools
from collections.abc import Callable

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse

from projets.enums import ETATS_FINANCES, StatutSeance

GENERATION = "site-public:generation"
DUREE = 600  # seconds


def _generation() -> int:
    generation = cache.get(GENERATION)
    if generation is None:
        cache.add(GENERATION, 0, None)
        generation = cache.get(GENERATION, 0)
    return generation


def en_cache(nom: str, calcul: Callable[[], object]):
    cle = f"site-public:{_generation()}:{nom}"
    valeur = cache.get(cle)
    if valeur is None:
        valeur = calcul()
        cache.set(cle, valeur, DUREE)
    return valeur


def page_en_cache(vue):
    """The whole page for anonymous visitors, per URL (and fragment header), until the next generation: every
    visitor of the public list sees the same page, and rendering it each time was the national-scale cost.
    Signed-in people (their name is in the page) and pending messages always get a fresh rendering."""

    @functools.wraps(vue)
    def enveloppe(request, *args, **kwargs):
        if request.method != "GET" or request.user.is_authenticated or len(get_messages(request)):
            return vue(request, *args, **kwargs)
        cle = f"site-public:{_generation()}:page:{request.headers.get('X-Fragment', '')}:{request.get_full_path()}"
        if (page := cache.get(cle)) is not None:
            contenu, type_contenu, vary = page
            response = HttpResponse(contenu, content_type=type_contenu)
            if vary:
                response["Vary"] = vary
            return response
        response = vue(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            cache.set(cle, (response.content, response["Content-Type"], response.get("Vary")), DUREE)
        return response

    return enveloppe


def invalider() -> None:
    try:
        cache.incr(GENERATION)
    except ValueError:  # evicted or never set: any new number is a new generation
        cache.set(GENERATION, 1, None)


def _dossier_modifie(sender, instance, **kwargs):
    # Drafts saved by porteurs every few seconds never concern the public site.
    if instance.publie or instance.etat in ETATS_FINANCES:
        invalider()


def _ligne_modifiee(sender, instance, **kwargs):
    if instance.montant_vote is not None:
        invalider()


def _seance_modifiee(sender, instance, **kwargs):
    if instance.statut == StatutSeance.CLOSE:
        invalider()


def connecter() -> None:
    from projets.models import Dossier, LigneFinancement, Seance

    for signal in (post_save, post_delete):
        signal.connect(_dossier_modifie, sender=Dossier, dispatch_uid=f"cache_public_dossier_{signal}")
        signal.connect(_ligne_modifiee, sender=LigneFinancement, dispatch_uid=f"cache_public_ligne_{signal}")
    post_save.connect(_seance_modifiee, sender=Seance, dispatch_uid="cache_public_seance")
