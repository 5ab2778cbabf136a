"""With CACHE_URL on Redis and Redis away, the cache answers as if empty and the rate limits let requests through:
sign-up and the public pages keep working, nobody sees an error page."""

import json
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

from tests.test_settings_from_environment import BASE_ENV

pytestmark = pytest.mark.django_db

REDIS_ABSENT = {
    "default": {
        "BACKEND": "contratville.cache.CacheRedisTolerante",
        "LOCATION": "redis://127.0.0.1:1/1",  # nothing listens on port 1
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
}


@pytest.fixture
def redis_absent(settings):
    settings.CACHES = REDIS_ABSENT


def test_a_redis_cache_url_gets_the_tolerant_backend_with_short_timeouts():
    montre = "import django, json; from django.conf import settings as s; django.setup(); print(json.dumps(s.CACHES))"
    env = {**BASE_ENV, "DEBUG": "true", "CACHE_URL": "redis://cache.example.org:6379/1"}
    resultat = subprocess.run(
        [sys.executable, "-c", montre], env=env, cwd=settings.BASE_DIR, capture_output=True, text=True, check=True
    )
    config = json.loads(resultat.stdout)["default"]
    assert config["BACKEND"] == "contratville.cache.CacheRedisTolerante"
    assert config["OPTIONS"] == {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}


def test_each_cache_operation_answers_a_miss_quickly(redis_absent):
    debut = time.monotonic()
    assert cache.get("chiffres", "défaut") == "défaut"
    assert cache.add("compteur", 1) is False
    assert cache.incr("compteur") is None
    cache.set("chiffres", 1)
    assert cache.get_many(["a", "b"]) == {}
    assert cache.delete("chiffres") is False
    assert time.monotonic() - debut < 10


def test_rate_limited_sign_up_still_answers_without_its_counters(client, redis_absent):
    for _ in range(12):  # more than the limit: the counters are out of reach, requests go through
        reponse = client.post(reverse("comptes:signup"), {"email": "x@exemple.fr"})
        assert reponse.status_code < 500 and reponse.status_code != 429


def test_the_public_pages_still_answer(client, redis_absent):
    assert client.get(reverse("accueil")).status_code == 200
    assert client.get(reverse("projets_finances")).status_code == 200
