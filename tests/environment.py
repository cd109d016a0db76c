"""Loaded by pytest before Django starts (see addopts in pyproject.toml)."""

import os

# Tests run with the production defaults (DEBUG off); they only need a throwaway secret key.
os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
