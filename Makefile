# ScarGuide. `make run` serves the site with its content; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
STAMP := $(VENV)/.installed
PORT ?= 8000

.PHONY: run setup test browser-tools test-servers lint format check container-check export-content superuser clean bench \
	messages translations gettext bench-search

# setuptools announces every editable install with a notice that asks nothing of the user: left out.
$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	PYTHONWARNINGS="ignore:Editable installation" $(BIN)/python -m pip install --quiet -c requirements.lock -e ".[dev]"
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP) translations
	DJANGO_DEBUG=1 $(MANAGE) migrate --no-input
	DJANGO_DEBUG=1 $(MANAGE) seed_content
	DJANGO_DEBUG=1 $(MANAGE) runserver 127.0.0.1:$(PORT)

test: $(STAMP) browser-tools test-servers translations
	$(BIN)/pytest

# The tests that need PostgreSQL and Redis start throwaway servers of their own from Debian's binaries
# (tests/servers.py). Installed when missing; as root (CI, containers) through apt-get.
test-servers:
	@if ! { command -v initdb || ls /usr/lib/postgresql/*/bin/initdb; } >/dev/null 2>&1 || ! command -v redis-server >/dev/null; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update && apt-get install -y --no-install-recommends postgresql redis-server; \
		else \
			echo "The tests need PostgreSQL and Redis installed (not running): run 'sudo apt-get install postgresql redis-server'." >&2; exit 1; \
		fi; \
	fi

# Interface translations: translators write locale/<locale>/LC_MESSAGES/django.po (committed); Django
# reads the .mo files compiled from them (git-ignored) with GNU gettext's msgfmt.
PO_FILES := $(wildcard locale/*/LC_MESSAGES/django.po)

translations: $(PO_FILES:.po=.mo)

%.mo: %.po | gettext
	msgfmt --check-format -o $@ $<

gettext:
	@command -v msgfmt >/dev/null || [ "$$(id -u)" != 0 ] || (apt-get update && apt-get install -y --no-install-recommends gettext)
	@command -v msgfmt >/dev/null || { echo "Compiling the translations needs GNU gettext's msgfmt: run 'sudo apt-get install gettext'." >&2; exit 1; }

# Add the interface strings found in the code and templates to every .po file (new ones with an empty
# msgstr for the translator; strings no longer used are dropped).
messages: $(STAMP) gettext
	DJANGO_DEBUG=1 $(MANAGE) makemessages --all --no-obsolete --add-location=file \
		--ignore=.venv --ignore=node_modules --ignore=staticfiles --ignore=tests --ignore=bench --ignore=screenshots

# The browser tests drive Debian's Chromium (Playwright cannot download its own here) and read
# axe-core from node_modules. Installed when missing; as root (CI, containers) through apt-get.
CHROMIUM := /usr/bin/chromium
AXE_CORE := node_modules/axe-core/axe.min.js

CJK_FONT := /usr/share/fonts/truetype/wqy/wqy-microhei.ttc

browser-tools: $(CHROMIUM) $(AXE_CORE) $(CJK_FONT)

$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ]; then \
		apt-get update && apt-get install -y --no-install-recommends chromium; \
	else \
		echo "The browser tests need Chromium at $(CHROMIUM): run 'sudo apt-get install chromium'." >&2; exit 1; \
	fi

# Without a font that has Chinese characters, Chromium draws the Chinese pages as empty boxes in the
# screenshots (the tests themselves do not need it, so a missing font only warns).
$(CJK_FONT):
	@if [ "$$(id -u)" = 0 ]; then \
		apt-get update && apt-get install -y --no-install-recommends fonts-wqy-microhei; \
	else \
		echo "Screenshots of the Chinese pages need a Chinese font: run 'sudo apt-get install fonts-wqy-microhei'." >&2; \
	fi

$(AXE_CORE): package.json package-lock.json
	@command -v npm >/dev/null || [ "$$(id -u)" != 0 ] || (apt-get update && apt-get install -y --no-install-recommends npm)
	@command -v npm >/dev/null || { echo "The browser tests need npm to install axe-core: run 'sudo apt-get install npm'." >&2; exit 1; }
	npm ci --no-audit --no-fund
	touch $(AXE_CORE)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Production-like variables for the deployment checks: DEBUG off, a long secret, a real host name.
DEPLOY_ENV := env -u DJANGO_DEBUG -u DJANGO_SECURE_SSL_REDIRECT -u DJANGO_HSTS_SECONDS -u DJANGO_ALLOW_ASYNC_UNSAFE \
	DJANGO_SECRET_KEY=deploy-check-only-4f9c1e7a2b8d6053-0123456789abcdefghijklmnop \
	DJANGO_ALLOWED_HOSTS=scars.example-clinic.com DJANGO_CSRF_TRUSTED_ORIGINS=https://scars.example-clinic.com

check: $(STAMP)
	DJANGO_DEBUG=1 $(MANAGE) check
	DJANGO_DEBUG=1 $(MANAGE) makemigrations --check --dry-run
	$(DEPLOY_ENV) $(MANAGE) check --deploy --fail-level WARNING

# The container files, checked without building (no base image can be pulled here): hadolint on the
# Dockerfile, and compose.yaml resolved with the example environment plus placeholder secrets.
container-check: $(STAMP)
	$(BIN)/hadolint --failure-threshold warning Dockerfile
	@command -v docker-compose >/dev/null || [ "$$(id -u)" != 0 ] || (apt-get update && apt-get install -y --no-install-recommends docker-compose)
	DJANGO_SECRET_KEY=placeholder POSTGRES_PASSWORD=placeholder docker-compose --env-file .env.example -f compose.yaml config -q

# Throughput of the main pages beside a trivial view, under gunicorn with production settings, with
# the seeded catalogue and again with 1,000 synthetic treatments (bench/run.py; a few minutes).
bench: $(STAMP)
	@command -v wrk >/dev/null || [ "$$(id -u)" != 0 ] || (apt-get update && apt-get install -y --no-install-recommends wrk)
	@command -v wrk >/dev/null || { echo "make bench needs wrk: run 'sudo apt-get install wrk'." >&2; exit 1; }
	$(BIN)/python bench/run.py

# How long the site search takes with the starter content and with 1,000 more treatments (bench/search.py;
# SQLite, or PostgreSQL with DATABASE_URL=postgres://...).
bench-search: $(STAMP)
	$(BIN)/python bench/search.py

# Write the content as edited in admin back into fixtures/content.json, in an order that depends on the content
# alone (treatments/management/commands/export_content.py): `git diff` then shows only what was edited.
export-content: $(STAMP)
	DJANGO_DEBUG=1 $(MANAGE) export_content

superuser: $(STAMP)
	DJANGO_DEBUG=1 $(MANAGE) createsuperuser

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache .hypothesis node_modules screenshots *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
	rm -f locale/*/LC_MESSAGES/*.mo
