# ScarGuide's production image: gunicorn serving Django, whitenoise serving the static files.
# Build: docker build -t scarguide .   Release step: docker run --rm --env-file .env scarguide python manage.py release

# The interface translations, compiled from the committed .po files by GNU gettext's msgfmt in a stage of
# their own, so the image carries the .mo files and not gettext.
FROM python:3.12-slim-bookworm AS translations
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext=0.21-12 \
    && rm -rf /var/lib/apt/lists/*
COPY locale /locale
RUN find /locale -name django.po -execdir msgfmt --check-format -o django.mo django.po ";"

FROM python:3.12-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_MEDIA_ROOT=/app/media

WORKDIR /app

RUN groupadd --system --gid 10001 scarguide \
    && useradd --system --uid 10001 --gid scarguide --home-dir /app --no-create-home scarguide

# The dependency layer: rebuilt only when pyproject.toml or requirements.lock change, not on every
# source edit. Installs the runtime dependencies only, at the versions pinned in requirements.lock.
COPY pyproject.toml requirements.lock ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" > requirements.txt \
    && pip install --no-cache-dir -c requirements.lock -r requirements.txt

COPY . .
COPY --from=translations /locale /app/locale

# Hashed, compressed static files are part of the image; the key only lets settings load for this step.
RUN DJANGO_SECRET_KEY=collectstatic-at-build-time-only python manage.py collectstatic --no-input --verbosity 0 \
    && mkdir -p /app/media \
    && chown scarguide:scarguide /app/media

USER 10001:10001
EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]

CMD ["gunicorn", "--config", "gunicorn.conf.py"]
