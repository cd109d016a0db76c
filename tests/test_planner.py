"""The recovery planner's date arithmetic, without a database: sessions, gaps, recovery, aftercare and fit."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from treatments import planner
from treatments.planner import AftercareFacts, CourseFacts, Days

TODAY = date(2027, 1, 4)


def course(**facts):
    values = {
        "slug": "needling",
        "name": "Needling",
        "sessions_min": 3,
        "sessions_max": 6,
        "interval_min_weeks": 4,
        "interval_max_weeks": 6,
        "downtime_min_days": 1,
        "downtime_max_days": 5,
        "results_timeline": "Change builds over months.",
        "aftercare": (
            AftercareFacts(day_from=1, day_to=3, label="Days 1 to 3", todo=("Moisturise",)),
            AftercareFacts(day_from=0, day_to=0, label="Day 0", todo=("Skip actives",), watch_for=("Pus",)),
        ),
    }
    values.update(facts)
    return CourseFacts(**values)


def test_sessions_come_the_longest_usual_gap_apart_with_the_soonest_beside_them():
    plan = planner.plan(course(), start=date(2027, 3, 1), soonest=TODAY)
    assert [s.on for s in plan.sessions] == [date(2027, 3, 1) + timedelta(weeks=6 * n) for n in range(6)]
    assert [s.soonest for s in plan.sessions][:3] == [date(2027, 3, 1), date(2027, 3, 29), date(2027, 4, 26)]
    assert [s.number for s in plan.sessions] == [1, 2, 3, 4, 5, 6]


def test_a_range_of_sessions_marks_those_past_the_fewest_as_if_needed():
    plan = planner.plan(course(sessions_min=1, sessions_max=3), start=date(2027, 3, 1), soonest=TODAY)
    assert [s.needed for s in plan.sessions] == [True, False, False]
    assert plan.last_needed.number == 1
    assert plan.last.number == 3
    assert plan.course.sessions_words == "About 1 to 3 sessions"


def test_recovery_is_day_1_to_the_most_usual_day_and_the_next_day_is_clear():
    session = planner.plan(course(), start=date(2027, 3, 1), soonest=TODAY).sessions[0]
    assert session.recovery == Days(date(2027, 3, 2), date(2027, 3, 6))
    assert session.clear_on == date(2027, 3, 7)


def test_a_treatment_with_no_recovery_time_has_no_recovery_window_and_says_so_in_words():
    no_recovery = course(downtime_min_days=0, downtime_max_days=0)
    session = planner.plan(no_recovery, start=date(2027, 3, 1), soonest=TODAY).sessions[0]
    assert session.recovery is None
    assert session.clear_on == date(2027, 3, 2)
    assert no_recovery.recovery_words == "No recovery time"
    assert "0 to 0" not in no_recovery.recovery_words


@pytest.mark.parametrize(
    ("low", "high", "words"),
    [
        (0, 0, "No recovery time"),
        (2, 2, "About 2 days"),
        (1, 1, "About 1 day"),
        (0, 2, "Up to about 2 days"),
        (3, 10, "About 3 to 10 days"),
    ],
)
def test_recovery_in_words(low, high, words):
    assert course(downtime_min_days=low, downtime_max_days=high).recovery_words == words


@pytest.mark.parametrize(
    ("facts", "sessions", "gap"),
    [
        ({"sessions_min": 1, "sessions_max": 1}, "1 session", ""),
        (
            {"sessions_min": 3, "sessions_max": 3, "interval_min_weeks": 4, "interval_max_weeks": 4},
            "3 sessions",
            "About 4 weeks apart",
        ),
        ({}, "About 3 to 6 sessions", "About 4 to 6 weeks apart"),
        ({"interval_min_weeks": 0, "interval_max_weeks": 0}, "About 3 to 6 sessions", "On the same day"),
    ],
)
def test_sessions_and_gaps_in_words(facts, sessions, gap):
    assert course(**facts).sessions_words == sessions
    assert course(**facts).gap_words == gap


def test_aftercare_steps_fall_on_their_days_after_each_session_in_order():
    plan = planner.plan(course(), start=date(2027, 3, 1), soonest=TODAY)
    first, second = plan.sessions[0], plan.sessions[1]
    assert [(s.step.label, s.days) for s in first.aftercare] == [
        ("Day 0", Days(date(2027, 3, 1), date(2027, 3, 1))),
        ("Days 1 to 3", Days(date(2027, 3, 2), date(2027, 3, 4))),
    ]
    assert first.aftercare[0].days.single
    assert second.aftercare[1].days == Days(date(2027, 4, 13), date(2027, 4, 15))


def test_the_plan_ends_with_the_later_of_the_last_clear_day_and_the_last_aftercare_day():
    short_care = planner.plan(course(), start=date(2027, 3, 1), soonest=TODAY)
    assert short_care.end == short_care.last.clear_on
    long_care = course(aftercare=(AftercareFacts(day_from=8, day_to=42, label="Weeks 2 to 6", todo=("SPF",)),))
    plan = planner.plan(long_care, start=date(2027, 3, 1), soonest=TODAY)
    assert plan.end == plan.last.on + timedelta(days=42)


def test_whole_course_fits_before_the_date_by_a_number_of_days():
    start = date(2027, 3, 1)
    # Six sessions six weeks apart: the last on day 210, clear on day 216.
    target = start + timedelta(days=216 + 12)
    plan = planner.plan(course(), start=start, target=target, soonest=TODAY)
    assert plan.fit.status == planner.FITS
    assert plan.fit.sessions == 6
    assert plan.fit.spare_days == 12
    assert plan.fit.short_by_days == 0
    assert plan.fit.latest_start_all == start + timedelta(days=12)
    assert all(session.before_target for session in plan.sessions)


def test_a_course_that_just_fits_has_no_days_to_spare():
    start = date(2027, 3, 1)
    plan = planner.plan(course(), start=start, target=start + timedelta(days=216), soonest=TODAY)
    assert (plan.fit.status, plan.fit.spare_days, plan.fit.latest_start_all) == (planner.FITS, 0, start)
    one_day_less = planner.plan(course(), start=start, target=start + timedelta(days=215), soonest=TODAY)
    assert (one_day_less.fit.status, one_day_less.fit.short_by_days) == (planner.PARTLY, 1)


def test_when_only_part_of_the_course_fits_it_says_how_many_sessions_and_the_latest_start_for_all():
    start = date(2027, 3, 1)
    target = start + timedelta(weeks=13)  # room for three sessions six weeks apart and their recovery
    plan = planner.plan(course(), start=start, target=target, soonest=TODAY)
    assert plan.fit.status == planner.PARTLY
    assert plan.fit.sessions == 3
    assert plan.fit.spare_days == (target - plan.sessions[2].clear_on).days
    assert plan.fit.short_by_days == (plan.sessions[5].clear_on - target).days
    assert plan.fit.latest_start_all == target - timedelta(days=216)
    assert [s.before_target for s in plan.sessions] == [True, True, True, False, False, False]


def test_fewer_sessions_than_the_usual_course_is_short_and_names_the_latest_start_for_the_fewest():
    start = date(2027, 3, 1)
    plan = planner.plan(course(), start=start, target=start + timedelta(weeks=3), soonest=TODAY)
    assert (plan.fit.status, plan.fit.sessions) == (planner.SHORT, 1)
    assert plan.fit.latest_start_fewest == start + timedelta(weeks=3) - timedelta(days=2 * 42 + 6)


def test_a_date_too_soon_for_even_one_session_and_its_recovery():
    start = date(2027, 3, 1)
    plan = planner.plan(course(), start=start, target=start + timedelta(days=5), soonest=TODAY)
    assert (plan.fit.status, plan.fit.sessions) == (planner.TOO_SOON, 0)
    assert plan.fit.latest_start_one == start - timedelta(days=1)
    assert planner.plan(course(), start=start, target=start + timedelta(days=6), soonest=TODAY).fit.sessions == 1


def test_no_recovery_time_fits_a_session_the_day_before():
    no_recovery = course(downtime_min_days=0, downtime_max_days=0, sessions_min=1, sessions_max=1)
    plan = planner.plan(no_recovery, start=date(2027, 3, 1), target=date(2027, 3, 2), soonest=TODAY)
    assert plan.fit.status == planner.FITS
    same_day = planner.plan(no_recovery, start=date(2027, 3, 2), target=date(2027, 3, 2), soonest=TODAY)
    assert same_day.fit.status == planner.TOO_SOON


def test_with_only_a_target_the_plan_starts_on_the_latest_date_that_fits_it_all():
    target = date(2027, 12, 24)
    plan = planner.plan(course(), target=target, soonest=TODAY)
    assert plan.start == target - timedelta(days=216)
    assert plan.start_is_latest
    assert (plan.fit.status, plan.fit.spare_days) == (planner.FITS, 0)


def test_when_the_latest_start_has_passed_the_plan_starts_today():
    target = TODAY + timedelta(weeks=10)
    plan = planner.plan(course(), target=target, soonest=TODAY)
    assert plan.start == TODAY
    assert not plan.start_is_latest
    assert plan.fit.status == planner.SHORT
    assert plan.fit.latest_start_all < TODAY


def test_a_target_in_the_past_is_too_soon_from_today():
    plan = planner.plan(course(), target=TODAY - timedelta(days=1), soonest=TODAY)
    assert (plan.start, plan.fit.status) == (TODAY, planner.TOO_SOON)


def test_days_are_counted_as_calendar_days_across_a_daylight_saving_change():
    # Europe and North America change their clocks in late March and early November.
    for start in (date(2027, 3, 26), date(2027, 10, 29), date(2027, 11, 5)):
        plan = planner.plan(course(), start=start, target=start + timedelta(days=216), soonest=TODAY)
        assert plan.sessions[1].on == start + timedelta(days=42)
        assert plan.sessions[0].recovery.last == start + timedelta(days=5)
        assert plan.fit.spare_days == 0


def test_a_plan_needs_a_start_or_a_target():
    with pytest.raises(ValueError):
        planner.plan(course(), soonest=TODAY)


def test_a_course_of_absurd_length_is_refused_rather_than_overflowing_the_calendar():
    endless = course(sessions_max=32767, interval_max_weeks=32767)
    with pytest.raises(planner.CourseTooLong):
        planner.plan(endless, start=TODAY, target=date(9999, 12, 31), soonest=TODAY)


courses = st.builds(
    lambda smin, extra, imin, iextra, dmin, dextra: course(
        sessions_min=smin,
        sessions_max=smin + extra,
        interval_min_weeks=imin,
        interval_max_weeks=imin + iextra,
        downtime_min_days=dmin,
        downtime_max_days=dmin + dextra,
    ),
    st.integers(1, 6),
    st.integers(0, 6),
    st.integers(0, 12),
    st.integers(0, 12),
    st.integers(0, 21),
    st.integers(0, 21),
)


@given(courses, st.integers(0, 1000), st.integers(0, 1500))
def test_every_session_said_to_fit_heals_before_the_date_and_the_next_does_not(facts, start_in, target_in):
    start, target = TODAY + timedelta(days=start_in), TODAY + timedelta(days=target_in)
    plan = planner.plan(facts, start=start, target=target, soonest=TODAY)
    fitting = [s for s in plan.sessions if s.before_target]
    assert len(fitting) == plan.fit.sessions
    assert all(s.clear_on <= target for s in fitting)
    assert plan.sessions[: plan.fit.sessions] == tuple(fitting)
    if plan.fit.sessions < facts.sessions_max:
        assert plan.sessions[plan.fit.sessions].clear_on > target


@given(courses, st.integers(0, 1500), st.integers(1, 12))
def test_the_latest_start_is_the_latest(facts, target_in, sessions):
    target = TODAY + timedelta(days=target_in)
    sessions = min(sessions, facts.sessions_max)
    latest = planner.latest_start(facts, target, sessions=sessions)
    assert planner.sessions_before(facts, latest, target) >= sessions
    assert planner.sessions_before(facts, latest + timedelta(days=1), target) < sessions
