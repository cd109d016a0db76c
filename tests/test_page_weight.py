"""Every page, with the real content, stays light for a phone on a poor connection."""

import gzip
import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

from treatments.models import ScarType, Treatment

pytestmark = pytest.mark.django_db

BUDGET = 60 * 1024
LINKED = re.compile(r"<(?:link|script)\b[^>]*?\b(?:href|src)=\"([^\"]+)\"[^>]*>")
STYLESHEET_OR_SCRIPT = re.compile(r"<(?:link\b[^>]*\brel=\"(?:stylesheet|preload|modulepreload)\"|script\b)[^>]*>")
HEALTH = "&".join(f"health={slug}" for slug in ("pregnant", "isotretinoin", "active-acne", "keloid", "cold-sores"))


def every_page():
    treatment = Treatment.objects.published().order_by("-cost_max").first()
    scar_type = ScarType.objects.published().first()
    scars = "&".join(f"scar={scar.slug}" for scar in ScarType.objects.published())
    four = "&".join(f"t={slug}" for slug in Treatment.objects.matchable().values_list("slug", flat=True)[:4])
    results = reverse("treatments:results")
    return [
        reverse("treatments:home"),
        reverse("treatments:scar_list"),
        scar_type.get_absolute_url(),
        reverse("treatments:treatment_list"),
        treatment.get_absolute_url(),
        treatment.get_aftercare_url(),
        reverse("treatments:questionnaire"),
        f"{results}?{scars}&severity=severe&skin_type=6&downtime=60",
        f"{results}?{scars}&severity=moderate&skin_type=3&downtime=7&{HEALTH}",
        f"{reverse('treatments:compare')}?{four}",
    ]


def gzipped_size(data):
    return len(gzip.compress(data, compresslevel=6))


def static_file(url):
    path = finders.find(url.removeprefix(settings.STATIC_URL))
    assert path, f"{url} is not one of the site's static files"
    with open(path, "rb") as file:
        return file.read()


def test_html_css_and_javascript_of_every_page_fit_the_budget_compressed(client, seeded):
    for url in every_page():
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assets = [static_file(tag) for tag in LINKED.findall(" ".join(STYLESHEET_OR_SCRIPT.findall(html)))]
        weight = gzipped_size(response.content) + sum(gzipped_size(asset) for asset in assets)
        assert weight < BUDGET, f"{url}: {weight} bytes compressed"


def test_no_page_loads_a_stylesheet_script_or_font_from_another_origin(client, seeded):
    for url in every_page():
        for tag in STYLESHEET_OR_SCRIPT.findall(client.get(url).content.decode()):
            for address in LINKED.findall(tag):
                assert address.startswith("/") and not address.startswith("//"), f"{url}: {tag}"


def test_text_uses_the_system_font_stack():
    css = static_file(settings.STATIC_URL + "css/site.css").decode()
    assert "system-ui" in css
    assert "@font-face" not in css
    assert "@import" not in css
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", css)


def test_pages_are_sent_compressed_and_still_revalidate(client, treatment):
    url = treatment.get_absolute_url()
    first = client.get(url, headers={"accept-encoding": "gzip"})
    plain = client.get(url)
    cached = client.get(url, headers={"accept-encoding": "gzip, br"})
    for response in (first, cached):
        assert response["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in response["Vary"]
        assert gzip.decompress(response.content) == plain.content
    assert "Content-Encoding" not in plain
    assert len(cached.content) < len(plain.content) / 2
    assert client.get(url, headers={"accept-encoding": "gzip", "if-none-match": first["ETag"]}).status_code == 304
    assert client.get(url, headers={"if-none-match": cached["ETag"]}).status_code == 304
