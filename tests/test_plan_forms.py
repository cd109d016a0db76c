"""The planner's forms only validate: dates in range, in order, and (for one treatment) not too soon."""

from datetime import date

from django.http import QueryDict

from tests.test_planner import course
from treatments.plan_forms import PlanForm, SideBySidePlanForm

TODAY = date(2027, 3, 1)


def form(query, **kwargs):
    return PlanForm(QueryDict(query), today=TODAY, **kwargs)


def test_no_dates_in_the_address_is_an_empty_form_not_an_error():
    empty = form("")
    assert not empty.is_bound and not empty.errors
    assert not form("health=pregnant").is_bound


def test_today_is_allowed_and_yesterday_is_not():
    assert form("start=2027-03-01").is_valid()
    assert form("start=2027-02-28").errors["start"] == [
        "A first session cannot be in the past. Choose a date from today on."
    ]
    assert form("date=2027-02-28").errors["date"] == ["This date has passed. Choose a date from today on."]


def test_five_years_ahead_is_the_limit():
    assert form("date=2032-02-27").is_valid()
    assert form("date=2032-03-01").errors["date"] == ["Choose a date within the next 5 years."]


def test_without_a_treatment_a_near_date_is_fine():
    assert form("date=2027-03-02").is_valid()


def test_too_soon_with_a_first_session_names_the_latest_first_session_that_heals_in_time():
    # Five days of recovery: a session on 10 March is clear from 16 March.
    too_soon = form("start=2027-03-12&date=2027-03-16", course=course())
    assert too_soon.errors["date"] == [
        "A session of Needling on 12 March 2027 would not be healed by this date: recovery takes about 1 to 5 days. "
        "Choose a first session by 10 March 2027, or a later date."
    ]
    assert form("start=2027-03-10&date=2027-03-16", course=course()).is_valid()


def test_too_soon_with_no_recovery_time_says_a_session_must_come_before_the_date():
    no_recovery = course(downtime_min_days=0, downtime_max_days=0)
    assert form("date=2027-03-01", course=no_recovery).errors["date"] == [
        "This date is too soon: even with no recovery time, a session needs to come before your date. "
        "The soonest date that leaves room is 3 March 2027."
    ]
    assert not form("date=2027-03-02", course=no_recovery).is_valid(), "a first session tomorrow at the soonest"
    assert form("date=2027-03-03", course=no_recovery).is_valid()
    assert form("date=2027-03-02&start=2027-03-01", course=no_recovery).is_valid(), "a session booked for today"


def test_the_date_inputs_offer_only_days_from_today_to_five_years_ahead():
    html = str(form("")["date"])
    assert 'type="date"' in html and 'min="2027-03-01"' in html and 'max="2032-02-28"' in html


def test_side_by_side_keeps_the_order_asked_for_and_drops_repeats():
    choices = [type("T", (), {"slug": slug, "name": slug})() for slug in ("a", "b", "c")]
    chosen = SideBySidePlanForm(QueryDict("t=c&t=a&t=c"), today=TODAY, treatments=choices)
    assert chosen.is_valid()
    assert chosen.cleaned_data["t"] == ["c", "a"]
