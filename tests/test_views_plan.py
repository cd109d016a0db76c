"""One treatment's planner page and its calendar file: the plain form, htmx, messages, headers and privacy."""

import logging
import re
from datetime import date, datetime, timedelta
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from hypothesis import HealthCheck, given
from hypothesis import settings as settings_for_hypothesis
from hypothesis import strategies as st
from icalendar import Calendar

from scarguide.logs import ForgetRequest
from tests.conftest import create, make_treatment
from treatments.models import AftercareStep

pytestmark = pytest.mark.django_db


def days(n):
    return (timezone.localdate() + timedelta(days=n)).isoformat()


def plan_url(slug, query=""):
    return reverse("treatments:plan", args=[slug]) + (f"?{query}" if query else "")


def calendar_url(slug, query=""):
    return reverse("treatments:plan_calendar", args=[slug]) + (f"?{query}" if query else "")


def text(response):
    return response.content.decode()


def assert_no_store(response):
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_without_dates_the_page_shows_the_course_in_words_and_an_empty_form(client, treatment):
    response = client.get(plan_url("subcision"))
    assert response.status_code == 200
    page = text(response)
    assert "Plan Subcision around a date" in page
    assert "About 3 to 6 sessions" in page
    assert "About 4 to 6 weeks apart" in page
    assert "About 1 to 3 days" in page
    assert 'type="date" name="date"' in page
    assert f'min="{days(0)}"' in page
    assert "Your plan, as dates" not in page
    assert "rough guide" in page
    assert "not a diagnosis or medical advice" in page
    assert_no_store(response)


def test_a_date_gives_the_sessions_recovery_and_aftercare_as_dates(client, treatment):
    target = timezone.localdate() + timedelta(days=400)
    response = client.get(plan_url("subcision", f"date={target.isoformat()}"))
    assert response.status_code == 200
    page = text(response)
    assert "Your plan, as dates" in page
    assert f"Fits before {date_format(target, 'j F Y')}" in page
    # Six sessions six weeks apart, the last healed three days later: the latest start is day 400 - 214.
    start = target - timedelta(days=5 * 42 + 3 + 1)
    assert f"Session 1: {date_format(start, 'l j F Y')}" in page
    assert f"Session 4, if needed: about {date_format(start + timedelta(weeks=18), 'l j F Y')}" in page
    assert "the latest first session that fits it all" in page
    assert "<strong>Day 0:</strong>" in page and "Ice" in page and "Heavy bleeding" in page
    assert "When results usually show" in page
    assert f'href="{calendar_url("subcision", "date=" + target.isoformat())}"' in page


def test_a_first_session_date_and_a_target_say_how_many_sessions_fit(client, treatment):
    page = text(client.get(plan_url("subcision", f"start={days(10)}&date={days(10 + 13 * 7)}")))
    assert "About 3 sessions fit before" in page
    assert "Counted from your first session on" in page
    assert "Healed before your date" in page and "After your date" in page


def test_a_first_session_date_alone_plans_without_a_fit(client, treatment):
    response = client.get(plan_url("subcision", f"start={days(3)}"))
    assert response.status_code == 200
    assert "Your plan, as dates" in text(response)
    assert "Fits before" not in text(response)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (lambda: f"date={days(-1)}", "This date has passed."),
        (lambda: f"date={days(30)}&start={days(-2)}", "A first session cannot be in the past."),
        (lambda: f"date={days(2)}", "This date is too soon for even one session of Subcision and its recovery"),
        (lambda: f"date={days(60)}&start={days(58)}", "would not be healed by this date"),
        (lambda: "date=14/03/2027", "Enter a real date as year, month and day"),
        (lambda: "date=2027-02-30", "Enter a real date as year, month and day"),
        (lambda: "date=99999-01-01", "Enter a real date as year, month and day"),
        (lambda: f"date={days(365 * 6)}", "Choose a date within the next 5 years."),
        (lambda: f"date={days(20)}&start={days(20)}", "Your first session needs to come before your date."),
        (lambda: "date=&start=", "Enter a date you want to look like yourself by, or the date of your first session."),
    ],
)
def test_bad_dates_get_a_400_and_a_clear_message(client, treatment, query, message):
    response = client.get(plan_url("subcision", query()))
    assert response.status_code == 400
    assert message in text(response)
    assert 'class="error-summary" role="alert"' in text(response)
    assert "Your plan, as dates" not in text(response)
    assert_no_store(response)


def test_too_soon_names_the_soonest_date_that_leaves_room(client, treatment):
    # A first session tomorrow at the soonest, then its recovery.
    soonest = timezone.localdate() + timedelta(days=5)
    page = text(client.get(plan_url("subcision", f"date={days(2)}")))
    assert f"The soonest date that leaves room is {date_format(soonest, 'j F Y')}." in page
    assert client.get(plan_url("subcision", f"date={soonest.isoformat()}")).status_code == 200


def test_a_treatment_with_no_recovery_time_says_so_in_words(client, db):
    create(make_treatment(name="Injection", slug="injection", downtime_min_days=0, downtime_max_days=0))
    page = text(client.get(plan_url("injection", f"date={days(300)}")))
    assert "No recovery time" in page
    assert "0 to 0" not in page
    # A first session tomorrow at the soonest, so the day after is the soonest date.
    assert client.get(plan_url("injection", f"date={days(2)}")).status_code == 200
    assert client.get(plan_url("injection", f"date={days(1)}")).status_code == 400


def test_with_htmx_the_planner_updates_in_place_and_focuses_the_plan(client, treatment):
    response = client.get(plan_url("subcision", f"date={days(400)}"), headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = text(response)
    assert html.lstrip().startswith('<div id="planner">')
    assert "<html" not in html and "Plan Subcision around a date" not in html
    assert '<h2 id="plan-title" tabindex="-1" autofocus>' in html
    assert "HX-Request" in response["Vary"]
    assert_no_store(response)


def test_with_htmx_a_bad_date_comes_back_in_place_with_its_message(client, treatment):
    response = client.get(plan_url("subcision", f"date={days(-3)}"), headers={"HX-Request": "true"})
    assert response.status_code == 400
    html = text(response)
    assert html.lstrip().startswith('<div id="planner">')
    assert "This date has passed." in html
    assert 'aria-invalid="true"' in html


def test_the_form_works_without_javascript_as_a_plain_get_form(client, treatment):
    page = text(client.get(plan_url("subcision")))
    assert f'method="get" action="{plan_url("subcision")}"' in page
    assert '<button type="submit" class="button">Show my plan</button>' in page


def test_unknown_and_unpublished_treatments_are_not_found(client, treatment):
    assert client.get(plan_url("no-such-treatment")).status_code == 404
    treatment.published = False
    treatment.save()
    assert client.get(plan_url("subcision", f"date={days(400)}")).status_code == 404
    assert client.get(calendar_url("subcision", f"date={days(400)}")).status_code == 404


def test_a_course_too_long_to_plan_gets_a_message_not_an_error(client, db):
    create(make_treatment(slug="endless", sessions_max=30000, interval_max_weeks=30000))
    response = client.get(plan_url("endless", f"date={days(400)}"))
    assert response.status_code == 200
    assert "too long to plan here" in text(response)


def test_the_calendar_file_downloads_with_a_plain_name_and_parses_back(client, treatment):
    response = client.get(calendar_url("subcision", f"date={days(400)}"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="subcision-plan.ics"'
    assert_no_store(response)
    calendar = Calendar.from_ical(response.content)
    summaries = [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]
    assert summaries.count("Subcision, session 1 aftercare: Day 0") == 1
    assert "Subcision: session 1" in summaries and "Subcision: session 6, if needed" in summaries
    assert len(summaries) == 6 * 3
    assert "http://testserver/treatments/subcision/aftercare/" in {str(e["URL"]) for e in calendar.walk("VEVENT")}


def test_nothing_about_the_patients_answers_goes_into_the_calendar_file(client, treatment):
    answers = "scar=rolling&severity=severe&skin_type=6&downtime=0&health=pregnant&health=isotretinoin"
    response = client.get(calendar_url("subcision", f"date={days(400)}&{answers}"))
    assert response.status_code == 200
    body = response.content.decode()
    for word in ("pregnant", "isotretinoin", "scar=", "severity", "skin_type", "downtime=", "health", "?"):
        assert word not in body, word
    assert response["Content-Disposition"] == 'attachment; filename="subcision-plan.ics"'


def test_the_calendar_without_good_dates_is_the_planner_page_with_its_message(client, treatment):
    for query, message in [("", "Enter a date you want to look like yourself by"), (f"date={days(-1)}", "has passed")]:
        response = client.get(calendar_url("subcision", query))
        assert response.status_code == 400
        assert response["Content-Type"].startswith("text/html")
        assert message in text(response)


def test_links_from_the_plan_carry_only_the_dates(client, treatment):
    page = text(client.get(plan_url("subcision", f"date={days(400)}&start={days(5)}&health=pregnant&scar=rolling")))
    # The language links are this very address in another language, so they keep whatever it holds.
    page = re.sub(r'<nav class="languages".*?</nav>', "", page, flags=re.S)
    assert "pregnant" not in page and "scar=rolling" not in page
    side_by_side = reverse("treatments:plan_side_by_side")
    assert f'href="{side_by_side}?t=subcision&amp;date={days(400)}&amp;start={days(5)}"' in page


def test_the_planner_keeps_nothing_writes_nothing_and_sets_no_cookie(client, treatment, settings):
    # A local-memory cache of its own, whatever the environment configures, so that every key can be seen.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "plan"}}
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        for url in (plan_url("subcision", f"date={days(400)}"), calendar_url("subcision", f"date={days(400)}")):
            response = client.get(url)
            assert response.status_code == 200
            assert not response.cookies
    assert all(q["sql"].lstrip().upper().startswith(("SELECT", "SAVEPOINT", "RELEASE")) for q in queries)
    assert not cache._cache, "nothing from a planner request is cached on the server"


def test_dates_never_reach_the_logs(client, treatment, caplog):
    with caplog.at_level("DEBUG"):
        for url in (plan_url("subcision", "date=2001-02-03"), calendar_url("subcision", "start=2001-02-03")):
            assert client.get(url).status_code == 400
    assert caplog.records, "Django logs 4xx responses; this test needs them"
    for record in caplog.records:
        assert not hasattr(record, "request")
        assert "2001" not in record.getMessage() and "?" not in record.getMessage()


def test_today_is_the_clinics_today(client, treatment, settings):
    """Kiribati's Line Islands are always a day or two ahead of American Samoa."""
    samoa_today = datetime.now(ZoneInfo("Pacific/Pago_Pago")).date()
    query = f"start={samoa_today.isoformat()}&date={(samoa_today + timedelta(days=400)).isoformat()}"
    settings.TIME_ZONE = "Pacific/Pago_Pago"
    assert client.get(plan_url("subcision", query)).status_code == 200
    settings.TIME_ZONE = "Pacific/Kiritimati"
    response = client.get(plan_url("subcision", query))
    assert response.status_code == 400
    assert "A first session cannot be in the past." in text(response)


@pytest.mark.parametrize("count", [10, 200])
def test_the_planner_runs_the_same_few_queries_whatever_the_catalogue(
    client, treatment, count, django_assert_num_queries
):
    for n in range(count):
        create(make_treatment(slug=f"other-{n}"))
    AftercareStep.objects.create(treatment=treatment, day_from=1, day_to=3, todo="Rest")
    with django_assert_num_queries(3):
        assert client.get(plan_url("subcision", f"date={days(400)}")).status_code == 200


def test_the_privacy_notice_says_what_happens_to_planner_dates_and_the_calendar_file(client):
    page = text(client.get(reverse("privacy")))
    assert "Dates you plan around" in page
    assert "not written to the logs" in page
    assert "this site keeps no copy" in page


def test_calendar_reminders_follow_the_clinics_time_zone_setting_across_daylight_saving(client, treatment, settings):
    settings.TIME_ZONE = "America/New_York"
    today = timezone.localdate()
    # Start on the Saturday before the second Sunday of March, when the clocks there go forward.
    second_sunday = next(day for day in (date(today.year + 1, 3, d) for d in range(8, 15)) if day.weekday() == 6)
    start = second_sunday - timedelta(days=1)
    response = client.get(calendar_url("subcision", f"start={start.isoformat()}"))
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["America/New_York"]
    reminders = [e.decoded("DTSTART") for e in calendar.walk("VEVENT") if "aftercare" in str(e["SUMMARY"])]
    assert {when.astimezone(ZoneInfo("America/New_York")).hour for when in reminders} == {9}
    offsets = {when.date(): when.utcoffset() for when in reminders}
    assert offsets[start] == timedelta(hours=-5)
    assert offsets[start + timedelta(weeks=6)] == timedelta(hours=-4)


def test_development_server_lines_for_the_planner_leave_out_the_dates():
    record = logging.LogRecord(
        "django.server",
        logging.INFO,
        __file__,
        1,
        '"%s" %s %s',
        ("GET /treatments/subcision/plan/calendar.ics?date=2027-03-14&start=2027-01-02 HTTP/1.1", "200", "900"),
        None,
    )
    assert ForgetRequest().filter(record)
    assert record.getMessage() == '"GET /treatments/subcision/plan/calendar.ics HTTP/1.1" 200 900'


dates = st.one_of(st.dates().map(date.isoformat), st.text(max_size=12), st.just(""))


@settings_for_hypothesis(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    target=st.none() | dates,
    start=st.none() | dates,
    slugs=st.lists(st.sampled_from(["subcision", "x", ""]), max_size=6),
    htmx=st.booleans(),
)
def test_the_planner_never_answers_a_server_error(client, treatment, target, start, slugs, htmx):
    query = urlencode(
        [(n, v) for n, v in (("date", target), ("start", start)) if v is not None] + [("t", s) for s in slugs]
    )
    headers = {"HX-Request": "true"} if htmx else {}
    for url in (
        plan_url("subcision", query),
        calendar_url("subcision", query),
        f"{reverse('treatments:plan_side_by_side')}?{query}",
    ):
        assert client.get(url, headers=headers).status_code in (200, 400), url


def test_a_plan_never_puts_a_first_session_it_chose_on_today(client, treatment):
    """Today has begun and some preparation starts the day before: a suggested course starts tomorrow at the
    soonest, in the page and in the calendar file; a session the patient says is booked today is kept."""
    today, tomorrow = timezone.localdate(), timezone.localdate() + timedelta(days=1)
    page = text(client.get(plan_url("subcision", f"date={days(60)}")))
    assert f"Session 1: {date_format(tomorrow, 'l j F Y')}" in page
    assert f"Session 1: {date_format(today, 'l j F Y')}" not in page
    calendar = client.get(reverse("treatments:plan_calendar", args=["subcision"]) + f"?date={days(60)}")
    assert f"DTSTART;VALUE=DATE:{tomorrow:%Y%m%d}" in calendar.content.decode()
    assert f"VALUE=DATE:{today:%Y%m%d}" not in calendar.content.decode()
    booked = text(client.get(plan_url("subcision", f"date={days(60)}&start={today.isoformat()}")))
    assert f"Session 1: {date_format(today, 'l j F Y')}" in booked
