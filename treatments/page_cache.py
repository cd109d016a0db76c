"""Public pages served from the cache, and never stale.

Every cache key and every ETag carries the content version: a token in the database
(`ContentVersion`) that each content change replaces. The signals below replace it on every save,
delete and many-to-many change of a content row (admin pages and their inlines, history reverts,
`seed_content`, which saves fixture rows raw), and after every `migrate`. Code that writes content
without signals (`bulk_create`, `QuerySet.update`) calls `content_changed()` itself. A page cached
before an edit is therefore never looked up again, on this server or any other sharing the cache.
"""

import gzip
import hashlib
import re
import secrets
from functools import wraps

from django.apps import apps
from django.core.cache import cache
from django.db import connection
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.translation import get_language

from .models import ContentVersion, SeededRow

# Old versions' pages are never read again; the timeout only frees their memory.
PAGE_TIMEOUT = 24 * 60 * 60
NOT_CONTENT = {ContentVersion, SeededRow}
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def content_version():
    """The current token, read once per request (plain SQL: the ORM would cost more than the cached page)."""
    table = connection.ops.quote_name(ContentVersion._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token FROM {table} WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else content_changed()


def content_changed(**signal_kwargs):
    """Replace the content version, so every page cached until now is out of date."""
    token = secrets.token_hex(16)
    if not ContentVersion.objects.filter(pk=1).update(token=token, changed_at=timezone.now()):
        ContentVersion.objects.update_or_create(pk=1, defaults={"token": token})
    return token


def _on_content_signal(sender, **kwargs):
    # Migration-time models are covered by the post_migrate bump; a history record (`instance_type`)
    # is always saved with the content row it records, which has already bumped the version.
    if (
        sender._meta.app_label == "treatments"
        and sender._meta.apps is apps
        and sender not in NOT_CONTENT
        and not hasattr(sender, "instance_type")
    ):
        content_changed()


def watch_content():
    """Connected once, from the app config."""
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_on_content_signal, dispatch_uid=f"page_cache_{signal}")
    post_migrate.connect(content_changed, sender=apps.get_app_config("treatments"), dispatch_uid="page_cache_migrate")


def cached_page(view):
    """Serve a public page from the cache, with an ETag and headers that let browsers and a CDN reuse it.

    Staff never get a cached page, since they preview drafts.
    """

    @wraps(view)
    def page(request, *args, **kwargs):
        if request.user.is_staff:
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True, no_store=True)
            return response
        digest = _digest(request)
        # Weak: the same page may go out compressed or not.
        etag = f'W/"{digest}"'
        response = get_conditional_response(request, etag=etag)
        if response is None:
            response = _from_cache(digest, request) or _render_and_store(digest, view, request, *args, **kwargs)
        if response.status_code in (200, 304):
            response["ETag"] = etag
        patch_cache_control(response, public=True, no_cache=True)
        patch_vary_headers(response, ["HX-Request"])
        return response

    # Read by the language links (treatments.languages), which keep only the parameters such a page reads.
    page.shared_cache = True
    return page


def _digest(request):
    # Pages may hold absolute links, so the origin is part of the key.
    origin = f"{request.scheme}://{request.get_host()}"
    htmx = "htmx" if getattr(request, "htmx", False) else "page"
    parts = (content_version(), get_language() or "", origin, htmx, request.get_full_path())
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:40]


def _from_cache(digest, request):
    stored = cache.get(f"page:{digest}")
    if stored is None:
        return None
    status, headers, content, compressed = stored
    gzipped = ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", ""))
    response = HttpResponse(compressed if gzipped else content, status=status)
    for name, value in headers.items():
        response[name] = value
    if gzipped:
        # Compressed once when stored, so GZipMiddleware leaves it alone.
        response["Content-Encoding"] = "gzip"
    patch_vary_headers(response, ["Accept-Encoding"])
    return response


def _render_and_store(digest, view, request, *args, **kwargs):
    response = view(request, *args, **kwargs)
    # A page that set a cookie or used a CSRF token belongs to one visitor: never share it.
    personal = response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    if response.status_code == 200 and not response.streaming and not personal:
        if hasattr(response, "render"):
            response.render()
        stored = (response.status_code, dict(response.items()), response.content, gzip.compress(response.content))
        cache.set(f"page:{digest}", stored, PAGE_TIMEOUT)
    return response
