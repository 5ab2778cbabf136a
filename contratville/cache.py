"""Django's Redis cache, made to shrug off an absent Redis: reads miss, writes are dropped, counters unknown.

The cache only holds rate-limit counters and figures that can be recomputed; a Redis outage must not take the
porteurs' submissions down with it (the tasks wait in the outbox meanwhile, contratville/outbox.py)."""

import functools
import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError, TimeoutError

logger = logging.getLogger(__name__)

# What each operation answers when Redis is away: a miss, nothing stored, nothing deleted, an unknown counter.
REPONSES_SANS_REDIS = {
    "get": None,
    "get_many": {},
    "has_key": False,
    "add": False,
    "set": None,
    "set_many": [],
    "touch": False,
    "delete": False,
    "delete_many": None,
    "incr": None,
    "clear": None,
}


def _tolerant(methode, nom):
    @functools.wraps(methode)
    def appel(self, *args, **kwargs):
        try:
            return methode(self, *args, **kwargs)
        except (ConnectionError, TimeoutError) as erreur:
            logger.warning("Cache Redis injoignable (%s) : %r", nom, erreur)
            if nom == "get":  # the caller's default, as on a miss
                return kwargs.get("default", args[1] if len(args) > 1 else None)
            return REPONSES_SANS_REDIS[nom]

    return appel


class CacheRedisTolerante(RedisCache):
    pass


for _nom in REPONSES_SANS_REDIS:
    setattr(CacheRedisTolerante, _nom, _tolerant(getattr(RedisCache, _nom), _nom))
