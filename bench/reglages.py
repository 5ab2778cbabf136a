"""Settings of the measured server: the application's, plus the bare reference view of bench/urls.py."""

from contratville.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
