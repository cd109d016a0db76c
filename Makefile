# ScarGuide. `make run` serves the site with its content; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
STAMP := $(VENV)/.installed

.PHONY: run setup test lint format check export-content superuser clean

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

# Write the content as edited in admin back into fixtures/content.json.
# Photos are uploads, not content: they stay with their media files, and before and after photos
# are patients' images, which must never end up in the repository.
PHOTOS := --exclude treatments.scartypephoto --exclude treatments.treatmentphoto --exclude treatments.beforeafterphoto

export-content: $(STAMP)
	DJANGO_DEBUG=1 $(MANAGE) dumpdata treatments --exclude treatments.seededrow $(PHOTOS) \
		--natural-foreign --natural-primary --indent 2 --output fixtures/content.json

superuser: $(STAMP)
	DJANGO_DEBUG=1 $(MANAGE) createsuperuser

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
