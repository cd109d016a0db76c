"""Error pages in the site's own style, or JSON for programs, and a malformed address answered with a 400.

Every error answer reads like the rest of the site, in plain words with the way back; a program that asked
for JSON (`format=json` or `Accept: application/json`, as on the results page) gets
`{"errors": {"__all__": [message]}}`, the shape of the results page's own errors.
"""

import sys
from urllib.parse import parse_qsl

from django.core.exceptions import SuspiciousOperation
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _


def wants_json(request: HttpRequest) -> bool:
    """Read from the raw query string: an error page must work where `request.GET` itself failed."""
    query = parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True, max_num_fields=None)
    if ("format", "json") in query:
        return True
    return request.get_preferred_type(["text/html", "application/json"]) == "application/json"


# Status: the page's heading and what to do, in plain words.
PAGES = {
    400: (
        _("We could not read that address"),
        _("The address is too long or has something wrong in it. Go back and try again, or start from the home page."),
    ),
    403: (
        _("You cannot open this page"),
        _(
            "Your account may not open this page. Ask the person who manages staff accounts at the clinic if you need it."
        ),
    ),
    404: (_("We could not find that page"), _("The page may have moved, or the address may have a typo.")),
    500: (
        _("Sorry, something went wrong on our side"),
        _("Please try again in a few minutes. If it keeps happening, contact the clinic."),
    ),
    503: (
        _("This page is not available for a moment"),
        _("The site cannot reach its information right now. Please try again in a minute."),
    ),
}
# A form sent without a valid CSRF token: an old page, or a post from another site.
CSRF_FAILURE = (
    _("This form could not be sent"),
    _("The page may be out of date, or the form came from another site. Go back, reload the page and try again."),
)
# How long a client should wait before asking again while the database is away.
RETRY_AFTER_SECONDS = 30
# What a database that went away (stopped, restarting, unreachable) raises.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


def error_page(request: HttpRequest, status: int, page: tuple | None = None) -> HttpResponse:
    heading, message = page or PAGES[status]
    if wants_json(request):
        response = JsonResponse({"errors": {"__all__": [str(message)]}}, status=status)
    else:
        # No canonical address or alternates: search engines should drop an error's address, not keep it.
        context = {"heading": heading, "message": message, "canonical_url": "", "alternates": []}
        response = render(request, "error.html", context, status=status)
    if status == 503:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(request, 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(request, 403)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: the site's own page, in the patient's language, instead of Django's bare one."""
    return error_page(request, 403, CSRF_FAILURE)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(request, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    """Django's answer to an exception no view handled: while the database is away, a 503 to try again later."""
    return error_page(request, 503 if isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE) else 500)


class MalformedQueryMiddleware:
    """Reads the query string before any view does: one Django refuses (more parameters than
    DATA_UPLOAD_MAX_NUMBER_FIELDS) gets the 400 page, where Django's debug page would fail with a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            request.GET  # noqa: B018 (parsed here, once, for every view)
        except SuspiciousOperation:
            return bad_request(request)
        return self.get_response(request)
