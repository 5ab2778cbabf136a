"""Settings, all read from the environment (documented in the README, "Configuration").

With no environment at all the project runs on an embedded default: SQLite, Celery tasks executed
in-process, mails printed on the console. Production switches behaviour with variables only.
"""

import datetime
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
env.read_env(BASE_DIR / ".env")  # optional, never committed

DEBUG = env.bool("DEBUG", default=False)

_DEV_SECRET_KEY = "insecure-development-key-only-used-when-DEBUG-is-on"
SECRET_KEY = env.str("SECRET_KEY", default=_DEV_SECRET_KEY if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY doit être défini quand DEBUG est désactivé.")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# A refused form (session or CSRF cookie lost) gets a French page that says how to go on.
CSRF_FAILURE_VIEW = "contratville.views.csrf_refuse"

INSTALLED_APPS = [
    "contratville.admin_site.AdministrationConfig",  # Django's admin, safe against tampered input
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "contratville",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "django_filters",
    "contratville.admin_site.JournalDesConnexionsConfig",  # django-axes, named « Journal des connexions »
    "comptes",
    "enjeux",
    "projets",
    "conseil_citoyen",
    "suivi",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "contratville.middleware.PolitiqueDeSecuriteMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",  # turns its refusals into RATELIMIT_VIEW
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

ROOT_URLCONF = "contratville.urls"
WSGI_APPLICATION = "contratville.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: DATABASE_URL (postgres://user:password@host:5432/name), SQLite file by default.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
# A persistent connection broken by a database restart is detected at the next request and replaced.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "comptes.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "espace_porteur"
LOGOUT_REDIRECT_URL = "accueil"
# django-axes: after 5 failed logins for one account from one address, 15 minutes of lockout (French page).
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"  # the login form's field, whatever the user model's USERNAME_FIELD
AXES_LOCKOUT_TEMPLATE = "comptes/connexion_bloquee.html"
# Reverse proxies in front of the application (0: none, X-Forwarded-For is ignored), one by default when a TLS
# proxy is declared. One rule reads the visitor's address for the lockout and the rate limits alike
# (contratville/limites.py): behind the proxy one visitor does not lock everyone out, and no visitor dodges a limit
# by writing X-Forwarded-For.
BEHIND_TLS_PROXY = env.bool("BEHIND_TLS_PROXY", default=True)
AXES_IPWARE_PROXY_COUNT = env.int("AXES_IPWARE_PROXY_COUNT", default=1 if BEHIND_TLS_PROXY and not DEBUG else 0)
AXES_CLIENT_IP_CALLABLE = "contratville.limites.adresse_client"
RATELIMIT_IP_META_KEY = "contratville.limites.adresse_client"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# French only: the interface does not follow the browser's language.
LANGUAGE_CODE = "fr-fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["contratville.formats"]
# Off, or years would read "2 021": amounts go through the `euros` filters, counts through `intcomma`.
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed, compressed files need `collectstatic`: on in production, off in development and tests.
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env.bool("STATIC_MANIFEST", default=not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG or not env.bool("STATIC_MANIFEST", default=not DEBUG)
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "/media/"
# Porteurs' documents: never under MEDIA_ROOT, served only through permission-checking views.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private-media")
FILE_UPLOAD_MAX_SIZE = env.int("FILE_UPLOAD_MAX_SIZE", default=10 * 1024 * 1024)  # bytes, per file
# Antivirus: every upload goes through clamd when set ("unix:///run/clamav/clamd.ctl", "tcp://clamav:3310").
CLAMD_ADDRESS = env.str("CLAMD_ADDRESS", default="")
CLAMD_TIMEOUT = env.int("CLAMD_TIMEOUT", default=30)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# A volunteer treasurer may spend an evening on a dossier: sessions last 12 hours. They are not rewritten on
# every request (a database write each time); if one expires mid-typing, the wizard keeps the input on the device.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=12 * 3600)

# Mail: EMAIL_URL (smtp+tls://user:password@host:587), console by default.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Contrat de ville <ne-pas-repondre@contratville.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Retention periods of personal data, in days (comptes/conservation.py, public page « Données personnelles »).
CONSERVATION_BROUILLONS_JOURS = env.int("CONSERVATION_BROUILLONS_JOURS", default=365)
CONSERVATION_MESSAGES_JOURS = env.int("CONSERVATION_MESSAGES_JOURS", default=5 * 365)
CONSERVATION_LISTES_TIRAGE_JOURS = env.int("CONSERVATION_LISTES_TIRAGE_JOURS", default=90)

# Cache: CACHE_URL (redis://host:6379/1) in production, shared by the workers for the rate limits.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # A Redis outage is a cache miss, answered within half a second, not an error page (contratville/cache.py)...
    CACHES["default"]["BACKEND"] = "contratville.cache.CacheRedisTolerante"
    CACHES["default"].setdefault("OPTIONS", {}).update(socket_connect_timeout=0.5, socket_timeout=0.5)
# ... and the rate limits let requests through while their counters are out of reach.
RATELIMIT_FAIL_OPEN = True
# django-ratelimit on sign-up, password reset and submission (a French 429 page). Its checks want memcached or
# django-redis; Django's own Redis cache also increments atomically, and the local memory cache is per process,
# good enough for one development server: both are accepted knowingly.
RATELIMIT_VIEW = "contratville.views.trop_de_requetes"
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001", "django_ratelimit.E003"]

# Content-Security-Policy: no inline script or style anywhere (django-csp).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Celery: with no broker, tasks run in-process (eager) so the project works with nothing installed.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
# With no broker, the tasks a request queues run after its response, in a thread (contratville/outbox.py): a
# deposit answers at once while its récépissé is rendered. The tests run them in the request's thread instead.
TACHES_EN_FOND_APRES_REPONSE = env.bool("TACHES_EN_FOND_APRES_REPONSE", default=True)
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL or None)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Broker faults. Sending a task gives up after about 5 seconds when Redis is down, so that a request never hangs
# on it (the task waits in the outbox, contratville/outbox.py). A task acked late whose worker died (kill -9, out
# of memory) goes back to the queue once it has been unacknowledged for CELERY_VISIBILITY_TIMEOUT seconds: keep
# it longer than the longest job and the longest retry countdown (10 minutes), or running jobs are delivered twice.
_VISIBILITY_TIMEOUT = env.int("CELERY_VISIBILITY_TIMEOUT", default=3600)
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.5, "interval_max": 0.5}
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 2,
    "socket_timeout": 10,
    "visibility_timeout": _VISIBILITY_TIMEOUT,
    # Look for the messages of dead workers every tenth of the timeout (at most every 10 s).
    "unacked_restore_interval": max(1, min(10, _VISIBILITY_TIMEOUT // 10)),
    "unacked_restore_throttle": 1,
}
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 2  # the result backend
CELERY_REDIS_SOCKET_TIMEOUT = 10

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Security: everything on unless DEBUG; each switch can be overridden for a TLS-terminating proxy.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_TLS_PROXY else None
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # WeasyPrint logs every layout step, django-axes every login: only their warnings reach the logs.
    "loggers": {name: {"level": "WARNING"} for name in ("weasyprint", "fontTools", "axes", "pypdf")},
}

# Contract shown by default on the public site when several are loaded (its slug).
CONTRAT_PAR_DEFAUT = env.str("CONTRAT_PAR_DEFAUT", default="")
