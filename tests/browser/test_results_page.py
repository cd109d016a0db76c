"""The results page answers on the first screen, stays short, shares and prints, at a phone's and a desktop's width."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, VIEWPORTS, axe_violations, shot, url

pytestmark = pytest.mark.browser

TWO_KINDS = "scar=rolling&scar=boxcar&severity=moderate&skin_type=2&downtime=7"
SCREENS = 6


def first_screen_bottom(page):
    return page.viewport_size["height"]


def within_first_screen(locator, page):
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + min(box["height"], 40) <= first_screen_bottom(page)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_first_screen_shows_the_answers_and_the_start_of_the_shortlist(page, page_errors):
    page.goto(url("treatments:results", query=TWO_KINDS))
    answers = page.locator(".answers-line")
    expect(answers).to_contain_text("Rolling scars")
    assert within_first_screen(answers, page)
    assert within_first_screen(page.get_by_role("link", name="Change answers"), page)
    first = page.locator(".option summary").first
    assert within_first_screen(first, page), "the first option starts below the first screen"
    expect(first).to_contain_text("Recovery time")
    shot(page, "results", "1-first-screen")
    assert page_errors == []


@pytest.mark.parametrize(
    ("query", "warning"),
    [
        ("scar=boxcar&severity=moderate&skin_type=3&downtime=7&health=pregnant", "pregnan"),
        ("scar=rolling&severity=moderate&skin_type=3&downtime=7&health=active-acne", "acne"),
        ("scar=rolling&scar=hypertrophic&severity=moderate&skin_type=5&downtime=7", "raised scars"),
    ],
)
def test_a_notice_that_changes_everything_is_a_warning_on_the_first_screen(page, query, warning):
    page.set_viewport_size(PHONE)
    page.goto(url("treatments:results", query=query))
    alert = page.locator(".warning").first
    expect(alert).to_contain_text(warning)
    assert within_first_screen(alert, page)
    assert alert.bounding_box()["width"] >= PHONE["width"] - 40, "the warning is not full width"


def test_the_page_for_two_kinds_of_scar_is_at_most_six_phone_screens_with_details_closed(page):
    page.set_viewport_size(PHONE)
    page.goto(url("treatments:results", query=TWO_KINDS))
    height = page.evaluate("document.documentElement.scrollHeight")
    shot(page, "results", "2-whole-page")
    assert height <= SCREENS * PHONE["height"], f"{height}px is {height / PHONE['height']:.1f} screens"


def test_details_open_without_javascript(no_js_page):
    page = no_js_page
    page.set_viewport_size(PHONE)
    page.goto(url("treatments:results", query=TWO_KINDS))
    option = page.locator(".option").first
    expect(option.get_by_role("heading", name="In its favour")).to_be_hidden()
    option.locator("summary").click()
    expect(option.get_by_role("heading", name="In its favour")).to_be_visible()
    expect(option.get_by_role("link", name="Day-by-day aftercare")).to_be_visible()
    expect(page.get_by_role("link", name="Link to these results")).to_be_visible()
    expect(page.get_by_role("button", name="Copy the link")).to_be_hidden()


def test_copy_the_link_puts_the_results_address_on_the_clipboard(page, context, page_errors):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(url("treatments:results", query=TWO_KINDS))
    page.get_by_role("button", name="Copy the link").click()
    expect(page.locator(".share__status")).to_have_text("Link copied.")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.endswith("/results/?" + TWO_KINDS)
    assert page_errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_printed_summary_is_in_light_colours_and_passes_axe(page, axe, scheme):
    page.emulate_media(color_scheme=scheme, media="print")
    page.goto(url("treatments:results", query=TWO_KINDS + "&health=anticoagulants"))
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    text = page.evaluate("getComputedStyle(document.body).color")
    assert background in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"), background
    assert text == "rgb(0, 0, 0)", text
    expect(page.locator(".answers-line")).to_contain_text("Rolling scars")
    expect(page.get_by_text("Printed from")).to_be_visible()
    expect(page.locator(".option summary").first).to_contain_text("Recovery time")
    expect(page.get_by_role("heading", name="Questions to ask your dermatologist")).to_be_visible()
    expect(page.locator(".site-header")).to_be_hidden()
    assert axe_violations(axe, page, f"printed results ({scheme})") == []
    shot(page, "results", f"3-print-{scheme}")
