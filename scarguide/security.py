"""Response headers, sign-in lockout and the client address behind proxies."""

import ipaddress

from axes.helpers import get_cool_off
from csp.constants import HEADER
from csp.middleware import CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.contrib.auth.models import User
from django.shortcuts import render
from django.utils import timezone
from django.utils.timesince import timeuntil


class SecurityHeadersMiddleware(CSPMiddleware):
    """The Content-Security-Policy (django-csp's, from settings) and a Permissions-Policy that turns off every
    powerful browser feature (camera, microphone, location...), on every response.

    The site has one policy: it is built once, not on every response, unless a view changed it for its
    response or a template asked for a nonce, where django-csp builds it as usual.
    """

    PER_RESPONSE = ("_csp_config", "_csp_update", "_csp_replace", "_csp_exempt")

    def __init__(self, get_response):
        super().__init__(get_response)
        self.permissions = ", ".join(f"{feature}=()" for feature in settings.PERMISSIONS_POLICY)
        self.policy = build_policy(config=settings.CONTENT_SECURITY_POLICY["DIRECTIVES"])

    def process_response(self, request, response):
        response.headers.setdefault("Permissions-Policy", self.permissions)
        if any(hasattr(response, name) for name in self.PER_RESPONSE) or getattr(request, "_csp_nonce", None):
            return super().process_response(request, response)
        response.headers.setdefault(HEADER, self.policy)
        return response


def client_ip(request):
    """The visitor's address for django-axes: the one the outermost trusted proxy saw, else the socket's.

    Anything in X-Forwarded-For that is not an IP address (a proxy count set too high lets a client write
    it) is ignored, so django-axes never stores a value its address column refuses.
    """
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if count and len(forwarded) >= count and _is_ip_address(forwarded[-count]):
        return forwarded[-count]
    return request.META.get("REMOTE_ADDR")


def _is_ip_address(text):
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def sign_in_username(request, credentials=None):
    """The username django-axes records for a failed sign-in, cut to the longest a username can be.

    Django's sign-in form passes a username of any length on to authentication; django-axes would write it
    whole into a 255-character column, which PostgreSQL refuses with an error page instead of the form's
    "Please enter a correct username and password".
    """
    username = (credentials or {}).get("username") or request.POST.get("username")
    return username[: User.username.field.max_length] if username else username


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out sign-in: a plain page saying what happened and how long to wait."""
    # Every attempt during a lockout starts the wait again (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT).
    cool_off, now = get_cool_off(request), timezone.now()
    wait = timeuntil(now + cool_off, now) if cool_off else None
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "wait": wait}
    return render(request, "locked_out.html", context, status=429)
