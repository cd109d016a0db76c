"""Every response carries the security headers; production settings pass Django's deployment checks."""

import os
import subprocess
import sys
from html.parser import HTMLParser

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

HEADERS = {
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
POLICY = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
]


def assert_security_headers(response):
    for name, value in HEADERS.items():
        assert response.headers.get(name) == value, name
    policy = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    for directive in POLICY:
        assert directive in policy.split("; ")
    features = response.headers["Permissions-Policy"].split(", ")
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"):
        assert f"{feature}=()" in features


def test_every_public_page_type_sends_the_security_headers(client, public_pages):
    for name, url in public_pages.items():
        response = client.get(url)
        assert response.status_code in (200, 404), name
        assert_security_headers(response)


def test_htmx_fragments_send_the_security_headers(client, public_pages):
    assert_security_headers(client.get(public_pages["filtered list"], headers={"HX-Request": "true"}))


def test_admin_login_and_admin_pages_send_the_security_headers(client, editor_client):
    assert_security_headers(client.get(reverse("admin:login")))
    assert_security_headers(editor_client.get(reverse("admin:treatments_treatment_add")))


def test_health_check_sends_the_security_headers(client):
    assert_security_headers(client.get("/healthz"))


DATA_BLOCKS = {"application/json", "application/ld+json"}


class InlineCode(HTMLParser):
    """Collects what a strict policy would block: inline scripts, style elements and attributes, event handlers."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        names = {name for name, _ in attrs}
        # Data blocks (json_script, JSON-LD) are never run, so the policy does not govern them.
        if tag == "script" and "src" not in names and dict(attrs).get("type") not in DATA_BLOCKS:
            self.found.append("<script> without src")
        if tag == "style":
            self.found.append("<style>")
        self.found += [f"{tag} {name}=" for name in names if name == "style" or name.startswith("on")]


def test_no_page_needs_inline_script_or_style(client, editor_client, public_pages, treatment):
    urls = [*public_pages.values(), reverse("admin:login")]
    staff_urls = [
        reverse("admin:treatments_treatment_change", args=[treatment.pk]),
        reverse("admin:treatments_scartype_add"),
    ]
    for browser, url in [(client, url) for url in urls] + [(editor_client, url) for url in staff_urls]:
        parser = InlineCode()
        parser.feed(browser.get(url).content.decode())
        assert parser.found == [], url


def test_history_page_has_only_its_one_cosmetic_inline_style(editor_client, treatment):
    """django-simple-history's list puts style="border-top: 0" on its paginator; the policy drops it (a thin line shows)."""
    parser = InlineCode()
    parser.feed(editor_client.get(reverse("admin:treatments_treatment_history", args=[treatment.pk])).content.decode())
    assert parser.found == ["p style="]


def test_plain_http_is_redirected_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get(reverse("treatments:treatment_list") + "?pain=1")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/treatments/?pain=1"


def test_https_from_the_proxy_is_served_with_hsts(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get(reverse("treatments:home"), headers={"X-Forwarded-Proto": "https"})
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_load_balancer_probe_over_plain_http_is_not_redirected(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200


PRODUCTION = {
    "DJANGO_SECRET_KEY": "a-production-like-secret-key-with-plenty-of-length-Zq8x!Kp2",
    "DJANGO_ALLOWED_HOSTS": "scars.example-clinic.com",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://scars.example-clinic.com",
    "DJANGO_SECURE_SSL_REDIRECT": "",
}


def test_deployment_checks_pass_with_production_variables():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=django_settings.BASE_DIR,
        env={"PATH": os.environ["PATH"], **PRODUCTION},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_the_security_headers_are_built_once_as_django_csp_builds_them_and_a_view_can_still_change_them(rf):
    from csp.utils import build_policy
    from django.http import HttpResponse

    from scarguide.security import SecurityHeadersMiddleware

    def view(request):
        response = HttpResponse("ok")
        if request.GET.get("wider"):
            response._csp_update = {"img-src": ["https://images.example.com"]}
        return response

    middleware = SecurityHeadersMiddleware(view)
    plain = middleware(rf.get("/"))
    assert plain["Content-Security-Policy"] == build_policy(
        config=django_settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    )
    assert "camera=()" in plain["Permissions-Policy"]
    wider = middleware(rf.get("/", {"wider": "1"}))
    assert "https://images.example.com" in wider["Content-Security-Policy"]
