"""A recovery plan as an iCalendar file (RFC 5545), written by the icalendar library.

One all-day event per session (the clinic sets the time), an all-day event for the recovery after
it, and a reminder at 09:00 in the clinic's time zone on the first day of each aftercare step, with
what to do, what to watch for and a link to the treatment's pages. The file holds the treatment's
content and the plan's dates, nothing else: no answers, no query strings, and the links carry none.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from uuid import NAMESPACE_URL, uuid5
from zoneinfo import ZoneInfo

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from icalendar import Alarm, Calendar, Event

from .planner import DatedStep, Plan, Session

REMINDER_AT = time(9, 0)
REMINDER_LENGTH = timedelta(minutes=15)


@dataclass(frozen=True, kw_only=True)
class Links:
    """Absolute addresses of the treatment's pages, without a query string."""

    treatment: str
    aftercare: str


def calendar_file(plan: Plan, *, links: Links, zone: ZoneInfo, stamp: datetime, site_name: str) -> bytes:
    name = plan.course.name
    calendar = Calendar()
    calendar.add("prodid", f"-//{site_name}//Recovery planner//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _("%(name)s plan (a rough guide)") % {"name": name})
    calendar.add("name", _("%(name)s plan (a rough guide)") % {"name": name})
    for session in plan.sessions:
        calendar.add_component(_session_event(plan, session, links, stamp, site_name))
        if session.recovery:
            calendar.add_component(_recovery_event(plan, session, links, stamp))
        for index, dated in enumerate(session.aftercare):
            calendar.add_component(_reminder(plan, session, index, dated, links, zone, stamp))
    # Time zone rules for the plan's own years only: the whole history would triple the file.
    calendar.add_missing_timezones(
        first_date=plan.start.replace(month=1, day=1),
        last_date=plan.end.replace(year=plan.end.year + 1, month=1, day=1),
    )
    return calendar.to_ical()


def _event(plan: Plan, kind: str, session: Session, index: int, stamp: datetime, url: str) -> Event:
    event = Event()
    # The same plan gives the same identifiers, so importing it again updates it rather than doubling it.
    key = f"{plan.course.slug}/{plan.start.isoformat()}/{session.number}/{kind}/{index}"
    event.add("uid", f"{uuid5(NAMESPACE_URL, key)}@scarguide")
    event.add("dtstamp", stamp)
    event.add("url", url)
    return event


def _all_day(event: Event, first: date, last: date) -> None:
    event.add("dtstart", first)
    event.add("dtend", last + timedelta(days=1))
    event.add("transp", "TRANSPARENT")


def _session_event(plan: Plan, session: Session, links: Links, stamp: datetime, site_name: str) -> Event:
    course = plan.course
    event = _event(plan, "session", session, 0, stamp, links.treatment)
    values = {"name": course.name, "number": session.number}
    if session.needed:
        event.add("summary", _("%(name)s: session %(number)d") % values)
    else:
        event.add("summary", _("%(name)s: session %(number)d, if needed") % values)
    _all_day(event, session.on, session.on)
    lines = [
        _("A rough guide from %(site)s. Your clinic sets the real dates and times.") % {"site": site_name},
        " ".join(f"{words}." for words in (course.sessions_words, course.gap_words) if words),
    ]
    if session.soonest != session.on:
        lines.append(_("This session could be as soon as %(day)s.") % {"day": _day(session.soonest)})
    lines.append(_("Recovery after each session: %(recovery)s.") % {"recovery": course.recovery_words})
    lines.append(links.treatment)
    event.add("description", "\n".join(lines))
    return event


def _recovery_event(plan: Plan, session: Session, links: Links, stamp: datetime) -> Event:
    course = plan.course
    event = _event(plan, "recovery", session, 0, stamp, links.aftercare)
    event.add(
        "summary", _("%(name)s: recovery after session %(number)d") % {"name": course.name, "number": session.number}
    )
    _all_day(event, session.recovery.first, session.recovery.last)
    event.add(
        "description",
        "\n".join(
            [
                _("%(recovery)s when others may see you had a treatment.") % {"recovery": course.recovery_words},
                _("You usually look like yourself again by %(day)s.") % {"day": _day(session.clear_on)},
                _("A rough guide: your clinic sets the real dates."),
                links.aftercare,
            ]
        ),
    )
    return event


def _reminder(plan: Plan, session: Session, index: int, dated: DatedStep, links: Links, zone: ZoneInfo, stamp) -> Event:
    step = dated.step
    values = {"name": plan.course.name, "when": step.label, "number": session.number}
    summary = _("%(name)s, session %(number)d aftercare: %(when)s") % values
    event = _event(plan, "aftercare", session, index, stamp, links.aftercare)
    event.add("summary", summary)
    start = datetime.combine(dated.days.first, REMINDER_AT, tzinfo=zone)
    event.add("dtstart", start)
    event.add("dtend", start + REMINDER_LENGTH)
    event.add("transp", "TRANSPARENT")
    lines = [f"- {point}" for point in step.todo]
    if not dated.days.single:
        lines.append(_("Until %(day)s.") % {"day": _day(dated.days.last)})
    if step.watch_for:
        lines += ["", _("Call the clinic if:"), *(f"- {point}" for point in step.watch_for)]
    lines += ["", _("Your clinic's own instructions come first."), links.aftercare]
    event.add("description", "\n".join(lines))
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    alarm.add("trigger", timedelta(0))
    event.add_component(alarm)
    return event


def _day(day: date) -> str:
    return date_format(day, "j F Y")
