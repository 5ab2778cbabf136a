# Image de l'application « contrat de ville » : site (gunicorn), worker et beat Celery.
# Construction : docker compose build   (ou : docker build -t contratville .)
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_ROOT_USER_ACTION=ignore \
    DJANGO_SETTINGS_MODULE=contratville.settings \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/app/media

# WeasyPrint runtime: Pango, HarfBuzz subsetting and a font; pg_dump and pg_restore (15, as the compose database)
# for manage.py sauvegarder / restaurer.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 \
        libpangoft2-1.0-0 \
        libharfbuzz-subset0 \
        fonts-dejavu-core \
        postgresql-client \
    && rm -rf /var/lib/apt/lists/*

# Unprivileged user that runs every process of the image.
RUN groupadd --system --gid 1000 app \
    && useradd --system --uid 1000 --gid app --create-home --home-dir /home/app --shell /usr/sbin/nologin app

WORKDIR /app

# Dependencies first, so that a code change does not reinstall them.
COPY requirements.lock /app/requirements.lock
RUN pip install --no-cache-dir --require-hashes -r /app/requirements.lock

# The code stays owned by root (read-only for the app user).
COPY . /app

# Static files collected at build time. The SECRET_KEY exists only for this step (settings refuse to
# load without one when DEBUG is off); it is neither kept in the image environment nor used at run time.
ARG COLLECTSTATIC_SECRET_KEY=collectstatic-build-only-not-a-secret
RUN SECRET_KEY="${COLLECTSTATIC_SECRET_KEY}" python manage.py collectstatic --noinput \
    && mkdir -p /app/media /app/var/beat \
    && chown -R app:app /app/media /app/var

USER app

EXPOSE 8000

# Readiness check lives in docker-compose.yml (web only): this image also runs the Celery worker and beat.
CMD ["gunicorn", "contratville.wsgi:application", \
     "--bind", "0.0.0.0:8000", \
     "--workers", "2", \
     "--worker-tmp-dir", "/dev/shm", \
     "--access-logfile", "-"]
