"""The catalogue pages in a real browser at a phone width and a desktop width: one label per fact on every
page, the comparison side by side on a phone, diagrams whose labels can be read, overview pages and their
kinds, and aftercare that tells urgent signs apart from routine ones."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.browser.conftest import VIEWPORTS, assert_fits_width, axe_violations, shot, url
from tests.conftest import create, make_treatment
from treatments.models import AftercareStep, ScarType, Suitability
from treatments.templatetags.facts import LABELS

pytestmark = [pytest.mark.browser, pytest.mark.parametrize("viewport", VIEWPORTS)]

# The one label of each fact a facts block shows (every fact but the fit, which has a tag of its own).
FACT_LABELS = {str(label) for fact, label in LABELS.items() if fact != "fit"}
OLD_WORDS = re.compile(r"\b(downtime|visible healing|discomfort)\b", re.I)


def axe_in_light_and_dark(axe, page, label):
    failures = []
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        failures += axe_violations(axe, page, f"{label}, {scheme}")
    page.emulate_media(color_scheme="light")
    return failures


def fact_labels(page):
    return page.locator("main dl.facts dt").all_inner_texts()


def test_list_treatment_and_compare_pages_name_each_fact_the_same_way(page, page_errors):
    seen = {}
    for name, path in (
        ("list", url("treatments:treatment_list")),
        ("treatment", url("treatments:treatment_detail", "subcision")),
        ("compare", url("treatments:compare", query="t=microneedling&t=subcision")),
    ):
        page.goto(path)
        labels = fact_labels(page)
        assert labels, name
        assert set(labels) <= FACT_LABELS, (name, set(labels) - FACT_LABELS)
        seen[name] = set(labels)
        text = page.locator("main").inner_text()
        assert not OLD_WORDS.search(text), (name, OLD_WORDS.search(text))
    core = {"Recovery time", "Pain", "Sessions", "Cost per session", "Evidence"}
    assert all(core <= labels for labels in seen.values()), seen
    assert page_errors == []


def test_compare_shows_the_main_facts_side_by_side_on_a_phone(page, page_errors, viewport):
    page.goto(url("treatments:compare", query="t=microneedling&t=subcision&t=dermal-fillers&t=botulinum-toxin"))
    cards = page.locator(".compare-card")
    expect(cards).to_have_count(4)
    first, second = cards.nth(0).bounding_box(), cards.nth(1).bounding_box()
    assert abs(first["y"] - second["y"]) < 1, "the first two treatments are not side by side"
    assert first["x"] + first["width"] <= second["x"]
    assert second["x"] + second["width"] <= viewport["width"]
    grid = page.locator(".compare-grid")
    assert grid.evaluate("grid => grid.scrollWidth <= grid.clientWidth")
    # Each fact sits at the same height in the cards side by side, so the eye reads across.
    rows = [
        card.locator("dl.facts > div").evaluate_all(
            "rows => rows.map(row => Math.round(row.getBoundingClientRect().top))"
        )
        for card in (cards.nth(0), cards.nth(1))
    ]
    assert rows[0] == rows[1]
    assert_fits_width(page)
    shot(page, "compare", "1-four", dark=True)
    assert page_errors == []


def _smallest_label(slug):
    root = ET.parse(settings.BASE_DIR / "static" / "img" / "scars" / f"{slug}.svg").getroot()
    parents = {child: parent for parent in root.iter() for child in parent}
    width = float(root.get("viewBox").split()[2])
    texts = root.iter("{http://www.w3.org/2000/svg}text")
    return min(float(text.get("font-size") or parents[text].get("font-size")) for text in texts) / width


def test_diagram_labels_are_at_least_12_pixels_wherever_they_are_shown(page, page_errors):
    for path in (
        url("treatments:home"),
        url("treatments:scar_list"),
        url("treatments:scar_detail", "rolling"),
        url("treatments:questionnaire"),
    ):
        page.goto(path)
        drawings = page.locator(".scar-diagram img").evaluate_all(
            "imgs => imgs.map(img => [img.getAttribute('src').split('/').pop().replace('.svg', ''), img.clientWidth])"
        )
        assert drawings, path
        for slug, width in drawings:
            assert _smallest_label(slug) * width >= 12, (path, slug, width)
    assert page_errors == []


def test_each_scar_page_has_its_own_caption(page, page_errors):
    captions = set()
    for slug in ("ice-pick", "boxcar", "rolling", "hypertrophic"):
        page.goto(url("treatments:scar_detail", slug))
        captions.add(page.locator(".scar-diagram figcaption").inner_text())
    assert len(captions) == 4
    shot(page, "scar", "hypertrophic", dark=True)
    assert page_errors == []


@pytest.fixture
def peels(site):
    """An overview page with two kinds, made here so that it does not depend on the starter content."""
    overview = create(make_treatment(name="Skin peels", slug="skin-peels-overview", is_overview=True))
    rolling = ScarType.objects.get(slug="rolling")
    for name, slug, days in (("Light skin peel", "light-skin-peel", 2), ("Medium skin peel", "medium-skin-peel", 10)):
        kind = create(make_treatment(name=name, slug=slug, family=overview, downtime_max_days=days))
        Suitability.objects.create(treatment=kind, scar_type=rolling, fit="second-line", reason="Evens the surface.")
    return overview


def test_an_overview_lists_its_kinds_and_each_kind_points_back(page, page_errors, axe, peels):
    page.goto(peels.get_absolute_url())
    table = page.locator(".kinds-table")
    expect(table).to_contain_text("Light skin peel")
    expect(table).to_contain_text("Medium skin peel")
    expect(page.locator("#glance-title")).to_have_count(0)
    assert_fits_width(page)
    shot(page, "overview", "1-page", dark=True)
    failures = axe_in_light_and_dark(axe, page, "overview page")

    page.get_by_role("link", name="Light skin peel").click()
    expect(page.locator(".family-note")).to_contain_text("One kind of Skin peels")
    shot(page, "overview", "2-kind")
    page.goto(url("treatments:treatment_list"))
    expect(page.locator(".treatment-card h3 a", has_text="Skin peels")).to_have_count(0)
    expect(page.locator(".treatment-card", has_text="Light skin peel")).to_contain_text("One kind of Skin peels")
    assert failures == [], "\n".join(failures)
    assert page_errors == []


def test_aftercare_sets_urgent_signs_apart_from_routine_ones(page, page_errors, axe):
    step = AftercareStep.objects.filter(treatment__slug="subcision").order_by("day_from").first()
    step.urgent = "Bleeding that soaks through a pad within minutes."
    step.save()
    page.goto(url("treatments:aftercare", "subcision"))
    urgent, routine = page.locator(".get-help__urgent"), page.locator(".get-help__routine")
    expect(urgent.get_by_role("heading")).to_have_text("Get help now")
    expect(urgent).to_contain_text("go to an emergency department or call an ambulance")
    expect(urgent).to_contain_text("Bleeding that soaks through a pad within minutes.")
    expect(routine.get_by_role("heading")).to_have_text("Call the clinic")
    expect(routine).not_to_contain_text("ambulance")
    assert urgent.bounding_box()["y"] < routine.bounding_box()["y"]
    # The timeline's scale is labelled in days, at a size that can be read.
    labels = page.locator(".timeline__axis text")
    assert labels.count() >= 4
    assert min(labels.evaluate_all("texts => texts.map(t => parseFloat(getComputedStyle(t).fontSize))")) >= 12
    first_days = page.locator(".timeline__span").nth(0).evaluate("line => line.getBoundingClientRect().width")
    assert first_days >= 24, "day 0 is too narrow to see"
    assert_fits_width(page)
    shot(page, "aftercare", "1-help", dark=True)
    failures = axe_in_light_and_dark(axe, page, "aftercare with urgent signs")
    assert failures == [], "\n".join(failures)
    assert page_errors == []
