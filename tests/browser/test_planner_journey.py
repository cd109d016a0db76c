"""A patient plans treatment around a date: from a results option to a calendar file, at a phone width."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, assert_fits_width, shot, url

pytestmark = pytest.mark.browser

ANSWERS = "scar=rolling&scar=boxcar&severity=moderate&skin_type=4&downtime=10"


@pytest.fixture
def viewport():
    return PHONE


def in_days(n):
    return (timezone.localdate() + timedelta(days=n)).isoformat()


def test_patient_plans_a_results_option_around_a_date_and_downloads_the_calendar(page, page_errors, tmp_path):
    page.goto(url("treatments:results", query=ANSWERS))
    option = page.locator(".option").filter(has=page.locator(".option__name", has_text="Subcision"))
    option.locator("summary").click()
    option.get_by_role("link", name=re.compile("Plan around a date")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Plan Subcision around a date")
    expect(page).to_have_url(re.compile(re.escape(url("treatments:plan", "subcision")) + "$"))
    shot(page, "planner", "1-form", dark=True)
    assert_fits_width(page)

    # A date in the past: the message comes back in place (htmx), beside the field and in a summary.
    page.get_by_label("A date you want to look like yourself by").fill(in_days(-2))
    page.get_by_role("button", name="Show my plan").click()
    expect(page.locator(".error-summary")).to_contain_text("This date has passed.")
    expect(page.locator("#id_date")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_role("heading", level=1)).to_have_text("Plan Subcision around a date")
    shot(page, "planner", "2-past-date", dark=True)

    page.get_by_label("A date you want to look like yourself by").fill(in_days(150))
    page.get_by_role("button", name="Show my plan").click()
    expect(page.get_by_role("heading", name="Your plan, as dates")).to_be_focused()
    expect(page).to_have_url(re.compile(re.escape(f"date={in_days(150)}")))
    expect(page.locator(".plan-fit__verdict")).to_contain_text(re.compile(r"fits? before", re.I))
    expect(page.locator(".plan-session").first).to_contain_text("Session 1:")
    expect(page.locator(".plan-aftercare").first).to_contain_text("Day 0:")
    shot(page, "planner", "3-plan", dark=True)
    assert_fits_width(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Add these dates to my calendar").click()
    download = download_info.value
    assert download.suggested_filename == "subcision-plan.ics"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    calendar = Calendar.from_ical(Path(saved).read_bytes())
    summaries = [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]
    assert "Subcision: session 1" in summaries
    assert any(summary.startswith("Subcision: recovery after session 1") for summary in summaries)
    assert any("aftercare: Day 0" in summary for summary in summaries)
    body = Path(saved).read_text()
    for answer in ("rolling", "boxcar", "moderate", "skin_type", "downtime"):
        assert answer not in body
    assert page_errors == []


def test_patient_plans_the_shortlist_side_by_side_and_prints_it(page, page_errors):
    page.goto(url("treatments:results", query=ANSWERS))
    page.get_by_role("link", name="Plan the top options around a date").click()
    expect(page).to_have_url(re.compile(r"/plan/\?t=[a-z-]+(&t=[a-z-]+)+$"))
    expect(page.locator(".plan-row")).to_have_count(4)
    page.get_by_label("A date you want to look like yourself by").fill(in_days(120))
    page.get_by_role("button", name="Show the plans").click()
    expect(page.get_by_role("heading", name=re.compile("Against your date"))).to_be_focused()
    expect(page.locator(".plan-row .plan-fit")).to_have_count(4)
    expect(page.locator(".plan-bar__target")).to_have_count(4)
    shot(page, "planner", "4-side-by-side", dark=True)
    assert_fits_width(page)

    page.emulate_media(media="print")
    expect(page.locator(".plan-form")).to_be_hidden()
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".plan-row").first).to_be_visible()
    shot(page, "planner", "5-side-by-side-print")
    page.emulate_media(media="screen")
    assert page_errors == []


def test_the_planner_works_without_javascript(no_js_page):
    page = no_js_page
    page.goto(url("treatments:plan", "microneedling"))
    page.get_by_label("A date you want to look like yourself by").fill(in_days(300))
    page.get_by_label("Your first session, if you know it").fill(in_days(14))
    page.get_by_role("button", name="Show my plan").click()
    expect(page).to_have_url(re.compile(re.escape(f"date={in_days(300)}&start={in_days(14)}")))
    expect(page.get_by_role("heading", name="Your plan, as dates")).to_be_visible()
    expect(page.locator(".plan-session")).to_have_count(6)
    shot(page, "planner-no-js", "1-plan")
    assert_fits_width(page)
