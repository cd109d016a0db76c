"""/healthz for load balancers and the container's HEALTHCHECK: is the database there, is the cache?"""

import logging
import uuid

from django.core.cache import cache
from django.db import Error, connection
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

PATH = "/healthz"


class HealthCheckMiddleware:
    """Answers /healthz before the host name is checked: load balancers probe by IP address.

    It sits after the security headers and before sessions, so the answer sets no cookie.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == PATH and request.method in ("GET", "HEAD"):
            return healthz(request)
        return self.get_response(request)


def healthz(request):
    """200 when the database answers (the cache may be "degraded": pages are still served); 503 when it does not.

    The body names no host, driver or error: the details go to the log.
    """
    database = _database_state()
    body = {"status": "ok" if database == "ok" else "unavailable", "database": database, "cache": _cache_state()}
    response = JsonResponse(body, status=200 if database == "ok" else 503)
    add_never_cache_headers(response)
    return response


def _database_state():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Error as error:
        logger.warning("Health check: the database did not answer (%s).", type(error).__name__)
        return "down"
    return "ok"


def _cache_state():
    key, token = "healthz", uuid.uuid4().hex
    cache.set(key, token, 10)
    return "ok" if cache.get(key) == token else "degraded"
