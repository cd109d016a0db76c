"""The questionnaire in a real browser, at a phone width and a desktop width: each step's question is its
heading and title, a choice card is one control, "None of these" clears the other health answers, the
page never swaps itself on load, and Tab follows what the patient sees."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import VIEWPORTS, assert_fits_width, shot, url

pytestmark = [pytest.mark.browser, pytest.mark.parametrize("viewport", VIEWPORTS)]

QUESTIONS = [
    "Which kinds of scar do you see?",
    "How noticeable are your scars?",
    "What does your skin do in strong sun?",
    "How much recovery time can you accept?",
    "Does any of this apply to you?",
]


def expect_question(page, number):
    heading = f"Step {number} of 5: {QUESTIONS[number - 1]}"
    expect(page).to_have_title(f"{heading} · ScarGuide")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(rf"^Step {number} of 5:?\s+"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(QUESTIONS[number - 1])
    if number > 1:
        expect(page).to_have_url(re.compile(rf"[?&]step={number}$"))


def test_each_step_is_titled_by_its_question_and_an_error_says_so(page, page_errors):
    page.goto(url("treatments:questionnaire"))
    expect_question(page, 1)
    expect(page.get_by_text("Your answers are not saved.")).to_be_visible()

    page.get_by_role("button", name="Next").click()
    expect(page).to_have_title(f"Error: Step 1 of 5: {QUESTIONS[0]} · ScarGuide")
    expect(page).to_have_url(re.compile(r"current=1&step=1$"))
    summary = page.locator(".error-summary")
    expect(summary).to_have_attribute("role", "alert")
    expect(summary).to_be_focused()
    shot(page, "steps", "1-error", dark=True)

    page.get_by_label(re.compile("^Rolling scars")).check()
    answers = [("^Moderate", 2), (r"\(type V\)", 3), ("^Up to 10 days", 4)]
    page.get_by_role("button", name="Next").click()
    for label, number in answers:
        expect_question(page, number)
        expect(page.get_by_role("heading", level=1)).to_be_focused()
        # The introduction and the privacy note are on the first step only.
        expect(page.get_by_text("Your answers are not saved.")).to_have_count(0)
        shot(page, "steps", f"{number}-question", dark=True)
        assert_fits_width(page)
        page.get_by_label(re.compile(label)).check()
        page.get_by_role("button", name="Next").click()
    expect_question(page, 5)
    shot(page, "steps", "5-question", dark=True)
    page.get_by_label("None of these").check()
    page.get_by_role("button", name="Check my answers").click()
    expect(page).to_have_title("Check your answers · ScarGuide")
    expect(page).to_have_url(re.compile(r"step=6$"))
    shot(page, "steps", "6-review", dark=True)
    page.go_back()
    expect_question(page, 5)
    # The health question needs an answer: "None of these" is one, a blank is not.
    page.get_by_label("None of these").set_checked(False)
    page.get_by_role("button", name="Check my answers").click()
    expect(page).to_have_title(re.compile(r"^Error: Step 5 of 5"))
    expect(page.locator(".error-summary")).to_contain_text("Tick the ones that apply to you")
    assert page_errors == []


def tap(page, locator):
    """A click where the patient's finger lands, whatever is drawn on top there."""
    locator.scroll_into_view_if_needed()
    area = locator.bounding_box()
    page.mouse.click(area["x"] + area["width"] / 2, area["y"] + area["height"] / 2)


def test_a_scar_card_is_one_control_with_one_focus_ring_around_it(page, page_errors):
    page.goto(url("treatments:questionnaire"))
    card = page.locator(".choice--scar", has=page.locator("input[value='rolling']"))
    box = card.locator("input")
    # A tap on the picture, on the words or on the card's edge: wherever it lands, it ticks the box.
    for part, ticked in (("img", True), (".choice__hint", False), (".choice__title", True)):
        tap(page, card.locator(part))
        expect(box).to_be_checked(checked=ticked)
    card.evaluate("card => card.scrollIntoView({block: 'center'})")
    corner = card.bounding_box()
    page.mouse.click(corner["x"] + corner["width"] - 4, corner["y"] + corner["height"] - 4)
    expect(box).not_to_be_checked()
    tap(page, card.locator("img"))

    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.value") == "rolling":
            break
    ring = card.evaluate(
        """card => {
            const style = getComputedStyle(card), input = card.querySelector('input');
            const outer = card.getBoundingClientRect(), picture = card.querySelector('img').getBoundingClientRect();
            return {
                card: style.outlineStyle === 'solid' && parseFloat(style.outlineWidth) >= 3,
                input: getComputedStyle(input).outlineStyle !== 'none',
                around_picture: outer.top <= picture.top && outer.bottom >= picture.bottom
                    && outer.left <= picture.left && outer.right >= picture.right,
            };
        }"""
    )
    assert ring == {"card": True, "input": False, "around_picture": True}
    shot(page, "steps", "1-card-focus")
    page.keyboard.press("Space")
    expect(box).not_to_be_checked()
    assert page_errors == []


ALL_BUT_HEALTH = "scar=rolling&severity=mild&skin_type=2&downtime=5"


def test_none_of_these_clears_the_other_health_answers_and_they_clear_it(page, page_errors):
    page.goto(url("treatments:questionnaire", query=f"{ALL_BUT_HEALTH}&step=5"))
    none = page.get_by_label("None of these")
    pregnant = page.get_by_label(re.compile("pregnant"))
    cold_sores = page.get_by_label(re.compile("cold sores"))
    pregnant.check()
    cold_sores.check()
    tap(page, page.locator(".choice", has=none))
    expect(none).to_be_checked()
    expect(pregnant).not_to_be_checked()
    expect(cold_sores).not_to_be_checked()
    shot(page, "steps", "5-none-of-these", dark=True)
    pregnant.check()
    expect(none).not_to_be_checked()
    page.get_by_role("button", name="Check my answers").click()
    expect(page.locator(".review")).to_contain_text("I am pregnant or breastfeeding")
    assert page_errors == []


def test_the_page_never_swaps_itself_on_load_and_keeps_what_was_ticked(page, page_errors):
    """On a slow connection the first step is there at once, as it stays: htmx only takes over the buttons."""
    held = []
    page.route("**/htmx.min.js", lambda route: held.append(route))
    page.goto(url("treatments:questionnaire"), wait_until="commit")
    page.wait_for_selector("fieldset.question")
    expect(page.locator("fieldset.question")).to_have_count(1)
    page.get_by_label(re.compile("^Boxcar scars")).check()
    before = page.get_by_role("heading", level=1).bounding_box()
    assert held, "htmx was not requested"
    held[0].continue_()
    page.wait_for_function("() => window.htmx !== undefined")
    page.wait_for_load_state("load")
    expect(page.locator("fieldset.question")).to_have_count(1)
    expect(page.get_by_label(re.compile("^Boxcar scars"))).to_be_checked()
    assert page.get_by_role("heading", level=1).bounding_box() == before
    with page.expect_request(lambda request: request.headers.get("hx-request") == "true"):
        page.get_by_role("button", name="Next").click()
    expect_question(page, 2)
    expect(page.locator("input[type=hidden][name='scar'][value='boxcar']")).to_have_count(1)
    assert page_errors == []


def test_tab_reaches_next_then_back_in_the_order_they_are_shown(page, page_errors):
    page.goto(url("treatments:questionnaire", query="scar=rolling&step=2"))
    page.get_by_label(re.compile("^Severe")).focus()
    page.keyboard.press("Tab")
    next_button = page.get_by_role("button", name="Next")
    expect(next_button).to_be_focused()
    page.keyboard.press("Tab")
    back_button = page.get_by_role("button", name="Back")
    expect(back_button).to_be_focused()
    assert next_button.bounding_box()["x"] < back_button.bounding_box()["x"]
    page.keyboard.press("Enter")
    expect_question(page, 1)
    expect(page.get_by_label(re.compile("^Rolling scars"))).to_be_checked()
    assert page_errors == []
