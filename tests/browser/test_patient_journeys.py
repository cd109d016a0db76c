"""A patient's journeys through the site, at a phone width and at a desktop width."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import VIEWPORTS, assert_fits_width, link_to, shot, url

pytestmark = [pytest.mark.browser, pytest.mark.parametrize("viewport", VIEWPORTS)]


def test_patient_goes_from_home_to_a_scar_type_to_a_treatment_to_its_aftercare(page, page_errors):
    page.goto(url("treatments:home"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    shot(page, "catalogue", "1-home", dark=True)
    assert_fits_width(page)

    link_to(page, "treatments:scar_list").click()
    expect(page).to_have_url(re.compile(re.escape(url("treatments:scar_list")) + "$"))
    shot(page, "catalogue", "2-scar-types")
    assert_fits_width(page)

    link_to(page, "treatments:scar_detail", "rolling").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile("rolling", re.I))
    expect(page.get_by_role("heading", name=re.compile("treatments that can help", re.I))).to_be_visible()
    shot(page, "catalogue", "3-scar-type")
    assert_fits_width(page)

    link_to(page, "treatments:treatment_detail", "subcision").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile("subcision", re.I))
    expect(page.get_by_role("heading", name=re.compile("at a glance", re.I))).to_be_visible()
    shot(page, "catalogue", "4-treatment", dark=True)
    assert_fits_width(page)

    link_to(page, "treatments:aftercare", "subcision").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile("aftercare", re.I))
    expect(page.locator(".timeline__step").first).to_be_visible()
    shot(page, "catalogue", "5-aftercare", dark=True)
    assert_fits_width(page)

    assert page_errors == []


ANSWERS = "scar=rolling&scar=boxcar&severity=moderate&skin_type=4&downtime=5"


def tab_to(page, selector, *, limit=80):
    """Press Tab until the focused element matches `selector`, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("selector => document.activeElement.matches(selector)", selector):
            return
    pytest.fail(f"Tab never reached {selector}")


def tick(page, name, value):
    tab_to(page, f"input[name='{name}'][value='{value}']")
    page.keyboard.press("Space")


def choose(page, name, value):
    """Tab into a radio group, select its first option with Space, then arrow down to `value`."""
    tab_to(page, f"input[name='{name}']")
    page.keyboard.press("Space")
    for _ in range(10):
        if page.evaluate("() => document.activeElement.value") == value:
            return
        page.keyboard.press("ArrowDown")
    pytest.fail(f"arrow keys never reached {name}={value}")


def press_button(page, selector):
    tab_to(page, selector)
    page.keyboard.press("Enter")


def expect_step(page, number):
    """The step's question is its heading and its title, and the address names the step."""
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Step {number} of 5")
    expect(page).to_have_title(re.compile(rf"^Step {number} of 5: "))
    start = r"|/questionnaire/$" if number == 1 else ""
    expect(page).to_have_url(re.compile(rf"[?&]step={number}(&|$){start}"))


def assert_prints_on_one_page(page, journey):
    """Under print media the results are a one-page summary: the answers and the shortlist."""
    page.emulate_media(media="print")
    expect(page.locator(".answers-line")).to_contain_text("Rolling")
    shortlist = page.locator(".options")
    expect(shortlist).to_be_visible()
    expect(shortlist.locator(".option summary").first).to_contain_text("Recovery time")
    expect(page.locator(".site-header")).to_be_hidden()
    shot(page, journey, "9-print")
    pdf = page.pdf(format="A4", print_background=False)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages == 1, f"the printed summary takes {pages} pages"
    page.emulate_media(media="screen")


def test_patient_answers_the_questionnaire_with_the_keyboard_alone(page, page_errors):
    page.goto(url("treatments:questionnaire"))
    expect_step(page, 1)
    shot(page, "questionnaire", "1-scar")
    assert_fits_width(page)

    press_button(page, "button[name='step'][value='2']")
    expect(page.locator(".field-error")).to_contain_text("Tick at least one kind of scar")
    expect(page).to_have_title(re.compile(r"^Error: Step 1 of 5: "))
    expect(page).to_have_url(re.compile(r"current=1&step=1$"))
    expect(page.locator(".error-summary")).to_be_focused()
    shot(page, "questionnaire", "1-scar-error")

    tick(page, "scar", "rolling")
    tick(page, "scar", "boxcar")
    press_button(page, "button[name='step'][value='2']")
    expect_step(page, 2)
    choose(page, "severity", "severe")
    shot(page, "questionnaire", "2-severity", dark=True)
    press_button(page, "button[name='step'][value='3']")
    expect_step(page, 3)
    choose(page, "skin_type", "4")
    shot(page, "questionnaire", "3-skin-type")
    assert_fits_width(page)

    # Back to change an answer: the earlier choice is kept until the patient changes it.
    press_button(page, "button[name='step'][value='2']")
    expect_step(page, 2)
    expect(page.locator("input[name='severity'][value='severe']")).to_be_checked()
    choose(page, "severity", "moderate")
    press_button(page, "button[name='step'][value='3']")
    expect_step(page, 3)
    expect(page.locator("input[name='skin_type'][value='4']")).to_be_checked()
    press_button(page, "button[name='step'][value='4']")
    expect_step(page, 4)
    choose(page, "downtime", "5")
    shot(page, "questionnaire", "4-downtime")
    press_button(page, "button[name='step'][value='5']")
    expect_step(page, 5)
    shot(page, "questionnaire", "5-health")
    tab_to(page, "input[name='health'][value='none']")
    page.keyboard.press("Space")
    press_button(page, "button[name='step'][value='6']")

    review = page.locator(".review")
    expect(review).to_contain_text("Moderate")
    expect(review).to_contain_text("(type IV)")
    shot(page, "questionnaire", "6-review")
    assert_fits_width(page)
    press_button(page, "form[action='" + url("treatments:results") + "'] button[type='submit']")

    expect(page).to_have_url(re.compile(re.escape(url("treatments:results"))))
    expect(page.locator(".answers-line")).to_contain_text("Moderate")
    expect(page.locator(".options > li").first).to_be_visible()
    shot(page, "questionnaire", "7-results", dark=True)
    assert_fits_width(page)

    press_button(page, "a[href^='" + url("treatments:compare") + "']")
    expect(page.locator(".compare-card").first).to_be_visible()
    shot(page, "questionnaire", "8-compare", dark=True)
    assert_fits_width(page)

    page.go_back()
    assert_prints_on_one_page(page, "questionnaire")
    assert page_errors == []


def test_patient_answers_the_questionnaire_without_javascript(no_js_page):
    """The same steps as plain forms: each step's own address, errors included; every question on one page too."""
    page = no_js_page
    page.goto(url("treatments:questionnaire"))
    expect_step(page, 1)
    shot(page, "questionnaire-no-js", "1-scar")
    assert_fits_width(page)

    page.get_by_role("button", name="Next").click()
    expect(page).to_have_title(re.compile(r"^Error: Step 1 of 5: "))
    expect(page).to_have_url(re.compile(r"current=1&step=1$"))
    expect(page.locator(".error-summary")).to_contain_text("Tick at least one kind of scar")
    shot(page, "questionnaire-no-js", "2-error")

    page.get_by_label(re.compile("^Rolling scars")).check()
    page.get_by_role("button", name="Next").click()
    expect_step(page, 2)
    page.get_by_label(re.compile("^Severe")).check()
    page.get_by_role("button", name="Next").click()
    expect_step(page, 3)
    page.get_by_label(re.compile(r"\(type IV\)")).check()
    page.get_by_role("button", name="Next").click()
    expect_step(page, 4)
    page.get_by_label(re.compile("^Up to 5 days")).check()
    page.get_by_role("button", name="Next").click()
    expect_step(page, 5)
    page.get_by_label("None of these").check()
    page.get_by_label(re.compile("pregnant")).check()
    page.get_by_role("button", name="Check my answers").click()
    expect(page).to_have_title(re.compile(r"^Error: Step 5 of 5: "))
    expect(page.locator(".error-summary")).to_contain_text("not both")
    page.get_by_label(re.compile("pregnant")).uncheck()
    page.get_by_role("button", name="Check my answers").click()
    expect(page).to_have_title(re.compile("^Check your answers"))
    expect(page.locator(".review")).to_contain_text("None of these")
    page.get_by_role("button", name="See the options to discuss").click()
    expect(page.locator(".answers-line")).to_contain_text("Severe")

    # Back to change an answer: the review, then the step, with the other answers kept.
    page.get_by_role("link", name="Change answers").click()
    expect(page).to_have_title(re.compile("^Check your answers"))
    page.get_by_role("link", name=re.compile("Change.*How noticeable")).click()
    expect_step(page, 2)
    expect(page.get_by_label(re.compile("^Severe"))).to_be_checked()
    page.get_by_label(re.compile("^Moderate")).check()
    for _step in range(4):
        page.get_by_role("button", name=re.compile("^(Next|Check my answers)$")).click()
    page.get_by_role("button", name="See the options to discuss").click()
    expect(page.locator(".answers-line")).to_contain_text("Moderate")
    expect(page.locator(".options > li").first).to_be_visible()
    shot(page, "questionnaire-no-js", "7-results")
    assert_fits_width(page)

    page.get_by_role("link", name="Compare the top options side by side").click()
    expect(page.locator(".compare-card").first).to_be_visible()
    shot(page, "questionnaire-no-js", "8-compare")
    page.go_back()
    assert_prints_on_one_page(page, "questionnaire-no-js")

    # Every question on one page, for those who prefer it.
    page.goto(url("treatments:questionnaire"))
    page.get_by_role("link", name="See all five questions on one page instead").click()
    form = page.locator("form.questionnaire")
    expect(form.locator("fieldset.question")).to_have_count(5)
    shot(page, "questionnaire-no-js", "9-one-page")
    form.locator("input[name='scar'][value='rolling']").check()
    form.get_by_role("button", name="See the options to discuss").click()
    expect(page).to_have_title(re.compile("^Error: "))
    expect(page.locator(".error-summary")).to_contain_text("Choose how noticeable your scars are")
