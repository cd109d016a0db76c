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
import logging
import re
import secrets
from functools import wraps
from urllib.parse import urlencode

from django.apps import apps
from django.core.cache import cache
from django.db import InterfaceError, OperationalError, connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.translation import get_language

from .models import ContentVersion, SeededRow

logger = logging.getLogger(__name__)

# Old versions' pages are never read again; the timeout only frees their memory.
PAGE_TIMEOUT = 24 * 60 * 60
# The content version a server last read from the database, shared through the cache: while the database is
# away, pages cached under it are still served.
LAST_VERSION_KEY = "content-version:last-read"
NOT_CONTENT = {ContentVersion, SeededRow}
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def content_version():
    """The current token, read once per request (plain SQL: the ORM would cost more than the cached page)."""
    table = connection.ops.quote_name(ContentVersion._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token FROM {table} WHERE id = 1")
        row = cursor.fetchone()
    if not row:
        return content_changed()
    _remember(row[0])
    return row[0]


def content_changed(**signal_kwargs):
    """Replace the content version, so every page cached until now is out of date."""
    token = secrets.token_hex(16)
    if not ContentVersion.objects.filter(pk=1).update(token=token, changed_at=timezone.now()):
        ContentVersion.objects.update_or_create(pk=1, defaults={"token": token})
    transaction.on_commit(lambda: _remember(token))
    return token


_last_read = {"token": None}


def _remember(token):
    """Written to the cache when this process sees a new version, so not on every request."""
    if token != _last_read["token"]:
        _last_read["token"] = token
        cache.set(LAST_VERSION_KEY, token, PAGE_TIMEOUT)


def _last_known_version():
    return cache.get(LAST_VERSION_KEY) or _last_read["token"]


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


def cached_page(*, reads=(), lists=()):
    """Serve a public page from the cache, with an ETag and headers that let browsers and a CDN reuse it.

    `reads` names the query parameters the view reads one value of (the last, as `QueryDict.get` does),
    `lists` those it reads as lists. The cache key holds those alone, sorted by name, so a parameter the
    view ignores (`?utm_source=...`) never makes a new entry: such a request is answered from the cache
    when its page is there, and otherwise rendered but not stored. Only an address in its one canonical
    form is stored (see `_query`), so an attacker cannot fill the cache: it holds at most one copy of each
    real page. Staff never get a cached page, since they preview drafts.
    """

    def decorate(view):
        @wraps(view)
        def page(request, *args, **kwargs):
            if request.user.is_staff:
                response = view(request, *args, **kwargs)
                patch_cache_control(response, private=True, no_store=True)
                return response
            query, canonical = _query(request.GET, reads, lists)
            try:
                version = content_version()
            except (OperationalError, InterfaceError) as away:
                return _while_the_database_is_away(away, request, query)
            digest = _digest(version, request, query)
            response = get_conditional_response(request, etag=_etag(digest)) or _from_cache(digest, request)
            if response is None:
                response = view(request, *args, **kwargs)
                if canonical:
                    _store(digest, request, response)
            return _shared(response, digest)

        # The parameters it reads, for the language links (treatments.languages): they keep only these.
        page.shared_cache = (*reads, *lists)
        return page

    return decorate


# The values a stored page's address may hold: whole numbers without leading zeros, and slugs.
CANONICAL_VALUE = re.compile(r"0|[1-9][0-9]{0,5}|[a-z][a-z0-9-]{0,79}")


def _query(given, reads, lists):
    """The parameters the view reads, as the cache key holds them, and whether the address is canonical:
    no other parameter, no empty value, each single value given once, list values distinct and sorted, and
    every value a plain number or slug. So `?pain=01`, `?pain=1&pain=1` or `?t=b&t=a` are served but
    never stored, and the cache cannot be filled with copies of one page."""
    key = []
    for name in sorted({*reads, *lists}):
        values = [value for value in given.getlist(name) if value]
        key += [(name, value) for value in (values if name in lists else values[-1:])]
    canonical = (
        set(given) <= {*reads, *lists}
        and all(CANONICAL_VALUE.fullmatch(value) for values in given.lists() for value in values[1])
        and all(len(given.getlist(name)) == 1 for name in reads if name in given)
        and all(given.getlist(name) == sorted(set(given.getlist(name))) for name in lists)
    )
    return urlencode(key), canonical


def _while_the_database_is_away(away, request, query):
    """A page cached under the content version last read is still the current content, since nothing can be
    edited while the database is away: served as usual. Any other page fails with the database."""
    version = _last_known_version()
    digest = version and _digest(version, request, query)
    response = digest and (get_conditional_response(request, etag=_etag(digest)) or _from_cache(digest, request))
    if not response:
        raise away
    logger.warning("Database unavailable (%s): %s served from the cache.", type(away).__name__, request.path)
    return _shared(response, digest)


def _shared(response, digest):
    if response.status_code in (200, 304):
        response["ETag"] = _etag(digest)
    patch_cache_control(response, public=True, no_cache=True)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _etag(digest):
    # Weak: the same page may go out compressed or not.
    return f'W/"{digest}"'


def _digest(version, request, query):
    # Pages may hold absolute links, so the origin is part of the key.
    origin = f"{request.scheme}://{request.get_host()}"
    htmx = "htmx" if getattr(request, "htmx", False) else "page"
    parts = (version, get_language() or "", origin, htmx, request.path, query)
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


def _store(digest, request, response):
    # A page that set a cookie or used a CSRF token belongs to one visitor: never share it.
    personal = response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    if response.status_code == 200 and not response.streaming and not personal:
        if hasattr(response, "render"):
            response.render()
        stored = (response.status_code, dict(response.items()), response.content, gzip.compress(response.content))
        cache.set(f"page:{digest}", stored, PAGE_TIMEOUT)
