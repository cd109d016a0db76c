"""/healthz for load balancers and the container's HEALTHCHECK: is the database there, is the cache?"""

import uuid

from django.core.cache import cache
from django.db import Error, connection
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers
from django.utils.log import log_response

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
    failure = _database_failure()
    body = {"status": "unavailable" if failure else "ok", "database": "down" if failure else "ok"}
    response = JsonResponse({**body, "cache": _cache_state()}, status=503 if failure else 200)
    add_never_cache_headers(response)
    if failure:
        # The one log line for this request (Django would otherwise add its own "Service Unavailable").
        log_response("Health check: the database did not answer (%s).", failure, response=response, request=request)
    return response


def _database_failure():
    """None when the database answers, else the name of the error it gave."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Error as error:
        return type(error).__name__
    return None


def _cache_state():
    key, token = "healthz", uuid.uuid4().hex
    cache.set(key, token, 10)
    return "ok" if cache.get(key) == token else "degraded"
