"""The plan as an .ics file, parsed back: events, dates, time zones across daylight saving, summaries."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar

from tests.test_planner import TODAY, course
from treatments import planner
from treatments.plan_calendar import Links, calendar_file

LINKS = Links(treatment="https://clinic.example/treatments/needling/", aftercare="https://clinic.example/a/")
LONDON = ZoneInfo("Europe/London")
STAMP = datetime(2027, 1, 4, 12, 0, tzinfo=UTC)


def export(plan, zone=LONDON):
    return calendar_file(plan, links=LINKS, zone=zone, stamp=STAMP, site_name="ScarGuide")


def events(ics):
    return Calendar.from_ical(ics).walk("VEVENT")


def by_kind(ics):
    kinds = {"session": [], "recovery": [], "aftercare": []}
    for event in events(ics):
        summary = str(event["SUMMARY"])
        kind = "recovery" if "recovery" in summary else "aftercare" if "aftercare" in summary else "session"
        kinds[kind].append(event)
    return kinds


def test_one_event_per_session_one_recovery_after_each_and_a_reminder_per_aftercare_step():
    plan = planner.plan(course(), start=date(2027, 3, 1), soonest=TODAY)
    kinds = by_kind(export(plan))
    assert len(kinds["session"]) == 6
    assert len(kinds["recovery"]) == 6
    assert len(kinds["aftercare"]) == 6 * 2
    assert len({str(event["UID"]) for event in events(export(plan))}) == 6 + 6 + 12


def test_sessions_are_all_day_on_their_dates_and_those_past_the_fewest_say_if_needed():
    plan = planner.plan(course(), start=date(2027, 3, 1), soonest=TODAY)
    sessions = by_kind(export(plan))["session"]
    assert [event.decoded("DTSTART") for event in sessions] == [s.on for s in plan.sessions]
    assert [event.decoded("DTEND") for event in sessions] == [s.on + timedelta(days=1) for s in plan.sessions]
    assert all(not isinstance(event.decoded("DTSTART"), datetime) for event in sessions)
    assert [str(event["SUMMARY"]) for event in sessions[2:4]] == [
        "Needling: session 3",
        "Needling: session 4, if needed",
    ]
    description = str(sessions[1]["DESCRIPTION"])
    assert "Your clinic sets the real dates" in description
    assert "could be as soon as 29 March 2027" in description
    assert str(sessions[0]["URL"]) == LINKS.treatment


def test_recovery_is_an_all_day_event_from_the_day_after_to_the_last_day_of_visible_healing():
    plan = planner.plan(course(), start=date(2027, 3, 1), soonest=TODAY)
    recovery = by_kind(export(plan))["recovery"][0]
    assert recovery.decoded("DTSTART") == date(2027, 3, 2)
    assert recovery.decoded("DTEND") == date(2027, 3, 7)  # exclusive: the last day is 6 March
    assert str(recovery["SUMMARY"]) == "Needling: recovery after session 1"
    assert "About 1 to 5 days" in str(recovery["DESCRIPTION"])
    assert str(recovery["TRANSP"]) == "TRANSPARENT"


def test_no_recovery_time_means_no_recovery_events():
    plan = planner.plan(course(downtime_min_days=0, downtime_max_days=0), start=date(2027, 3, 1), soonest=TODAY)
    ics = export(plan)
    assert by_kind(ics)["recovery"] == []
    assert "No recovery time" in str(by_kind(ics)["session"][0]["DESCRIPTION"])


def test_aftercare_reminders_carry_the_steps_text_what_to_watch_for_and_a_link():
    plan = planner.plan(course(), start=date(2027, 3, 1), soonest=TODAY)
    day0, days1to3 = by_kind(export(plan))["aftercare"][:2]
    assert str(day0["SUMMARY"]) == "Needling, session 1 aftercare: Day 0"
    assert "- Skip actives" in str(day0["DESCRIPTION"])
    assert "Call the clinic if:\n- Pus" in str(day0["DESCRIPTION"])
    assert "Until 4 March 2027." in str(days1to3["DESCRIPTION"])
    assert LINKS.aftercare in str(days1to3["DESCRIPTION"])
    alarm = day0.walk("VALARM")[0]
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert alarm.decoded("TRIGGER") == timedelta(0)


def test_reminders_stay_at_nine_in_the_clinics_time_zone_across_daylight_saving_changes():
    # The UK's clocks go forward on 28 March 2027 and back on 31 October 2027.
    needling = course(sessions_min=1, sessions_max=1)
    for start, offsets in (
        (date(2027, 3, 27), {date(2027, 3, 27): 0, date(2027, 3, 28): 1, date(2027, 3, 30): 1}),
        (date(2027, 10, 30), {date(2027, 10, 30): 1, date(2027, 10, 31): 0, date(2027, 11, 2): 0}),
    ):
        plan = planner.plan(needling, start=start, soonest=TODAY)
        reminders = by_kind(export(plan))["aftercare"]
        starts = [event.decoded("DTSTART") for event in reminders]
        assert [when.astimezone(LONDON).time() for when in starts] == [time(9, 0)] * len(starts)
        assert [when.tzinfo.key for when in starts] == ["Europe/London"] * len(starts)
        for when in starts:
            if when.date() in offsets:
                assert when.utcoffset() == timedelta(hours=offsets[when.date()])
        assert all(e.decoded("DTEND") - e.decoded("DTSTART") == timedelta(minutes=15) for e in reminders)


def test_the_file_carries_the_clinics_time_zone_rules_for_calendars_that_need_them():
    plan = planner.plan(course(), start=date(2027, 3, 1), soonest=TODAY)
    calendar = Calendar.from_ical(export(plan, ZoneInfo("America/New_York")))
    zones = calendar.walk("VTIMEZONE")
    assert [str(zone["TZID"]) for zone in zones] == ["America/New_York"]
    assert {component.name for component in zones[0].subcomponents} == {"STANDARD", "DAYLIGHT"}
    reminder = next(event for event in calendar.walk("VEVENT") if "aftercare" in str(event["SUMMARY"]))
    assert reminder["DTSTART"].params["TZID"] == "America/New_York"


def test_in_utc_times_are_written_as_utc_without_time_zone_rules():
    plan = planner.plan(course(), start=date(2027, 3, 1), soonest=TODAY)
    ics = export(plan, ZoneInfo("UTC"))
    assert b"BEGIN:VTIMEZONE" not in ics
    assert b"DTSTART:20270301T090000Z" in ics


def test_the_file_is_well_formed_for_calendar_programs():
    plan = planner.plan(course(), start=date(2027, 3, 1), soonest=TODAY)
    ics = export(plan)
    lines = ics.split(b"\r\n")
    assert lines[0] == b"BEGIN:VCALENDAR" and lines[-2] == b"END:VCALENDAR" and lines[-1] == b""
    assert all(len(line) <= 75 for line in lines), "content lines are folded at 75 octets"
    calendar = Calendar.from_ical(ics)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]) == "-//ScarGuide//Recovery planner//EN"
    assert str(calendar["METHOD"]) == "PUBLISH"
    for event in calendar.walk("VEVENT"):
        assert event.decoded("DTSTAMP") == STAMP
        assert {"UID", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION"} <= set(event)


def test_exporting_the_same_plan_twice_gives_the_same_identifiers_so_a_reimport_updates_it():
    plan = planner.plan(course(), start=date(2027, 3, 1), soonest=TODAY)
    first = [str(event["UID"]) for event in events(export(plan))]
    assert first == [str(event["UID"]) for event in events(export(plan))]
    later = planner.plan(course(), start=date(2027, 3, 8), soonest=TODAY)
    assert set(first).isdisjoint(str(event["UID"]) for event in events(export(later)))


def test_links_in_the_file_carry_no_query_string():
    plan = planner.plan(course(), start=date(2027, 3, 1), soonest=TODAY)
    for event in events(export(plan)):
        assert "?" not in str(event["URL"])
        assert "?" not in str(event["DESCRIPTION"])
