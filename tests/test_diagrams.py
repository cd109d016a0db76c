import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.conftest import create, make_scar_type
from treatments.diagrams import diagram_for

SCAR_SLUGS = ["ice-pick", "boxcar", "rolling", "hypertrophic"]
SVG = "{http://www.w3.org/2000/svg}"


def _svg(slug):
    return Path(settings.BASE_DIR, "static", "img", "scars", f"{slug}.svg")


@pytest.mark.parametrize("slug", SCAR_SLUGS)
def test_every_scar_type_has_a_drawing_with_title_and_description(slug):
    root = ET.parse(_svg(slug)).getroot()
    assert root.find(f"{SVG}title").text.strip()
    assert len(root.find(f"{SVG}desc").text.strip()) > 60
    assert diagram_for(slug).alt


@pytest.mark.parametrize("slug", SCAR_SLUGS)
def test_drawings_have_no_scripts_event_handlers_or_outside_references(slug):
    text = _svg(slug).read_text()
    assert "<script" not in text.lower()
    assert not re.search(r"\son\w+\s*=", text)
    assert "href" not in text
    assert "url(" not in text


def test_a_scar_type_without_a_drawing_shows_none(client, db):
    scar_type = create(make_scar_type(slug="atrophic-other"))
    assert scar_type.diagram is None
    html = client.get(scar_type.get_absolute_url()).content.decode()
    assert "scar-diagram" not in html


@pytest.fixture
def scar_types(db):
    return [create(make_scar_type(name=slug.title(), slug=slug)) for slug in SCAR_SLUGS]


def _diagram_imgs(html):
    return re.findall(r'<img src="[^"]*img/scars/([\w-]+)\.svg" width="400" height="250" alt="([^"]+)"', html)


@pytest.mark.parametrize("url_name", ["treatments:home", "treatments:scar_list"])
def test_home_and_scar_list_show_every_diagram_with_its_text_alternative(client, scar_types, url_name):
    html = client.get(reverse(url_name)).content.decode()
    shown = dict(_diagram_imgs(html))
    assert sorted(shown) == sorted(SCAR_SLUGS)
    assert "V-shaped pit" in shown["ice-pick"]
    assert "fibrous band" in shown["rolling"]


def test_each_scar_page_shows_its_own_diagram_with_its_own_caption(client, scar_types):
    captions = set()
    for slug in SCAR_SLUGS:
        html = client.get(reverse("treatments:scar_detail", args=[slug])).content.decode()
        assert [shown for shown, _alt in _diagram_imgs(html)] == [slug]
        caption = re.search(r'<figure class="scar-diagram">.*?<figcaption>(.*?)</figcaption>', html, re.S).group(1)
        assert caption == diagram_for(slug).caption
        captions.add(caption)
    assert len(captions) == len(SCAR_SLUGS)
    assert "flat floor" in diagram_for("boxcar").caption


@pytest.mark.parametrize("slug", SCAR_SLUGS)
def test_labels_are_large_enough_to_read_at_12_pixels_when_drawn_220_pixels_wide(slug):
    root = ET.parse(_svg(slug)).getroot()
    width = float(root.get("viewBox").split()[2])
    parents = {child: parent for parent in root.iter() for child in parent}
    sizes = [float(text.get("font-size") or parents[text].get("font-size")) for text in root.iter(f"{SVG}text")]
    assert len(sizes) >= 4
    assert min(sizes) * 220 / width >= 12


@pytest.mark.parametrize("query", [{}, {"step": 1}], ids=["plain-form", "htmx-step"])
def test_questionnaire_scar_step_shows_every_diagram_with_its_text_alternative(client, scar_types, query):
    headers = {"HX-Request": "true"} if query else {}
    html = client.get(reverse("treatments:questionnaire"), query, headers=headers).content.decode()
    assert sorted(slug for slug, _alt in _diagram_imgs(html)) == sorted(SCAR_SLUGS)
