"""Loaded by pytest before Django starts (see addopts in pyproject.toml)."""

import os

# Tests run with the production defaults (DEBUG off); they only need a throwaway secret key.
os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
# The browser tests drive Playwright's sync API, which runs an event loop, in the same process as
# Django's ORM calls for setting up data; Django would otherwise refuse them as "async unsafe".
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# Tests talk plain HTTP to the test client; tests of the HTTPS redirect turn it back on.
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
