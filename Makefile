# ScarGuide. `make run` serves the site with its content; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
STAMP := $(VENV)/.installed

.PHONY: run setup test lint format check export-content superuser clean bench

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[dev]"
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	DJANGO_DEBUG=1 $(MANAGE) migrate --no-input
	DJANGO_DEBUG=1 $(MANAGE) seed_content
	DJANGO_DEBUG=1 $(MANAGE) runserver 127.0.0.1:8000

test: $(STAMP)
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: $(STAMP)
	DJANGO_DEBUG=1 $(MANAGE) check
	DJANGO_DEBUG=1 $(MANAGE) makemigrations --check --dry-run

# Throughput of the main pages beside a trivial view, under gunicorn with production settings, with
# the seeded catalogue and again with 1,000 synthetic treatments (bench/run.py; about 3 minutes).
bench: $(STAMP)
	@command -v wrk >/dev/null || [ "$$(id -u)" != 0 ] || (apt-get update && apt-get install -y --no-install-recommends wrk)
	@command -v wrk >/dev/null || { echo "make bench needs wrk: run 'sudo apt-get install wrk'." >&2; exit 1; }
	$(BIN)/python bench/run.py

# Write the content as edited in admin back into fixtures/content.json.
# Photos are uploads, not content: they stay with their media files, and before and after photos
# are patients' images, which must never end up in the repository.
PHOTOS := --exclude treatments.scartypephoto --exclude treatments.treatmentphoto --exclude treatments.beforeafterphoto

export-content: $(STAMP)
	DJANGO_DEBUG=1 $(MANAGE) dumpdata treatments --exclude treatments.seededrow --exclude treatments.contentversion $(PHOTOS) \
		--natural-foreign --natural-primary --indent 2 --output fixtures/content.json

superuser: $(STAMP)
	DJANGO_DEBUG=1 $(MANAGE) createsuperuser

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
