"""What search engines see: robots.txt, sitemap.xml in both languages, and schema.org JSON-LD on the scar
type and treatment pages."""

import json
import re
import xml.etree.ElementTree as ET
from urllib.robotparser import RobotFileParser

import pytest
from django.urls import reverse

from tests.conftest import create, make_treatment
from treatments.models import ScarType, Treatment

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def sitemap_entries(client) -> dict:
    """Each address in sitemap.xml with its last-modified date and its hreflang alternates."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/xml")
    entries = {}
    for url in ET.fromstring(response.content).iter(f"{SITEMAP}url"):
        alternates = {link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link")}
        lastmod = url.find(f"{SITEMAP}lastmod")
        entries[url.find(f"{SITEMAP}loc").text] = (lastmod.text if lastmod is not None else None, alternates)
    return entries


def test_the_sitemap_lists_the_catalogue_in_both_languages_with_alternates(client, treatment, scar_type):
    draft = create(make_treatment(name="Draft", slug="draft", published=False))
    entries = sitemap_entries(client)
    origin = "http://testserver"
    for path in (
        "/",
        "/scars/",
        "/treatments/",
        "/scars/rolling/",
        "/treatments/subcision/",
        "/treatments/subcision/aftercare/",
    ):
        for address in (f"{origin}{path}", f"{origin}/zh-hant{path}"):
            assert address in entries, address
            assert entries[address][1] == {
                "en": f"{origin}{path}",
                "zh-hant": f"{origin}/zh-hant{path}",
                "x-default": f"{origin}{path}",
            }
    assert entries[f"{origin}/zh-hant/treatments/subcision/"][0] == "2026-11-01"
    listed = " ".join(entries)
    for kept_out in (draft.slug, "/results/", "/questionnaire/", "/search/", "/plan/", "/compare/", "/privacy/"):
        assert kept_out not in listed, kept_out


def test_robots_txt_keeps_crawlers_out_of_answers_results_plans_and_searches_in_every_language(client, treatment):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    robots = RobotFileParser()
    robots.parse(text.splitlines())
    lines = text.splitlines()
    for prefix in ("", "/zh-hant"):
        for blocked in (
            "/results/?scar=rolling&severity=mild",
            "/plan/?t=subcision&date=2027-01-01",
            "/search/?q=pregnant",
        ):
            assert not robots.can_fetch("*", f"http://testserver{prefix}{blocked}"), prefix + blocked
        for open_page in ("/", "/treatments/subcision/", "/scars/rolling/", "/compare/?t=subcision"):
            assert robots.can_fetch("*", f"http://testserver{prefix}{open_page}"), prefix + open_page
        # Wildcards and a trailing "?" (any query string) are read by the major crawlers as the standard
        # (RFC 9309) says; Python's parser ignores both, so these rules are checked as written.
        assert f"Disallow: {prefix}/treatments/*/plan/" in lines
        assert f"Disallow: {prefix}/questionnaire/?" in lines
        assert f"Disallow: {prefix}/questionnaire/" not in lines, "the empty questionnaire stays open (it is noindex)"
    assert "Sitemap: http://testserver/sitemap.xml" in text.splitlines()


def json_ld(client, url) -> dict:
    html = client.get(url).content.decode()
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(block)


def test_treatment_and_scar_pages_describe_themselves_as_medical_web_pages(client, treatment, scar_type):
    Treatment.objects.filter(pk=treatment.pk).update(also_known_as_en="scar release, Taylor liberator")
    page = json_ld(client, treatment.get_absolute_url())
    assert page["@context"] == "https://schema.org" and page["@type"] == "MedicalWebPage"
    assert page["url"] == "http://testserver/treatments/subcision/"
    assert page["inLanguage"] == "en" and page["lastReviewed"] == "2026-11-01"
    assert page["reviewedBy"] == {"@type": "Person", "name": "Dr Test, dermatologist"}
    assert page["about"] == {
        "@type": "MedicalProcedure",
        "name": "Subcision",
        "alternateName": ["scar release", "Taylor liberator"],
        "description": "A short summary.",
        "url": "http://testserver/treatments/subcision/",
    }
    scar = json_ld(client, scar_type.get_absolute_url())
    assert scar["@type"] == "MedicalWebPage" and scar["about"]["@type"] == "MedicalCondition"
    assert scar["about"]["name"] == "Rolling" and "alternateName" not in scar["about"]


def test_structured_data_follows_the_language_and_names_a_reviewer_only_where_there_is_one(client, scar_type):
    ScarType.objects.filter(pk=scar_type.pk).update(reviewed_by="", name_zh_hant="滾動型疤痕")
    url = scar_type.get_absolute_url()
    page = json_ld(client, f"/zh-hant{url}")
    assert page["inLanguage"] == "zh-hant" and page["about"]["name"] == "滾動型疤痕"
    assert page["url"] == f"http://testserver/zh-hant{url}"
    assert "reviewedBy" not in page


def test_structured_data_cannot_be_broken_out_of_by_what_staff_write(client, treatment):
    Treatment.objects.filter(pk=treatment.pk).update(name_en='</script><script>alert("x")</script> & more')
    html = client.get(treatment.get_absolute_url()).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    assert "<" not in block and "&" not in block.replace("\\u0026", "")
    assert json.loads(block)["name"] == '</script><script>alert("x")</script> & more'


def test_only_scar_and_treatment_pages_carry_structured_data(client, public_pages):
    for name, url in public_pages.items():
        has = "application/ld+json" in client.get(url).content.decode()
        assert has == (name in ("scar detail", "treatment detail")), name
    assert reverse("robots_txt") == "/robots.txt" and reverse("sitemap") == "/sitemap.xml"
