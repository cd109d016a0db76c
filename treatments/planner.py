"""The recovery planner: a treatment's sessions, gaps, recovery and aftercare turned into dates.

Pure: frozen dataclasses in, a plan out. No database, no request, no time zone: the caller says
what day it is in the clinic's time zone, and every date here is a calendar day, so a change to or
from daylight saving time never moves a day.

How the dates are counted (the page says the same in plain words):

- Day 0 is the day of a session, as on the aftercare page. Recovery is day 1 to day N, where N is
  the most days of visible healing in the usual case; from day N + 1 the patient usually looks like
  themselves again (the "clear day"). With no recovery time, the clear day is the day after.
- Each session after the first comes the longest usual gap after the one before, so a plan that
  fits leaves room for a later booking. The soonest it could be is shown beside it.
- A course "fits" a date when the clear day after its last session is on or before that date.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# A course longer than this (ten years) is a content slip in admin, not something to put in a calendar.
MAX_COURSE_DAYS = 3653
FITS, PARTLY, SHORT, TOO_SOON = "fits", "partly", "short", "too-soon"


class CourseTooLong(ValueError):
    """The treatment's sessions and gaps add up to more than MAX_COURSE_DAYS."""


@dataclass(frozen=True, kw_only=True)
class AftercareFacts:
    """One AftercareStep row: days counted from the session (day 0), what to do, what to watch for."""

    day_from: int
    day_to: int
    label: str
    todo: tuple[str, ...]
    watch_for: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class CourseFacts:
    """What the planner needs from one Treatment row."""

    slug: str
    name: str
    sessions_min: int
    sessions_max: int
    interval_min_weeks: int
    interval_max_weeks: int
    downtime_min_days: int
    downtime_max_days: int
    results_timeline: str = ""
    aftercare: tuple[AftercareFacts, ...] = ()

    @property
    def has_recovery(self) -> bool:
        return self.downtime_max_days > 0

    @property
    def sessions_vary(self) -> bool:
        return self.sessions_min != self.sessions_max

    @property
    def recovery_words(self) -> str:
        """'No recovery time', 'About 2 days', 'Up to about 2 days', 'About 3 to 10 days': never '0 to 0 days'."""
        low, high = self.downtime_min_days, self.downtime_max_days
        if not high:
            return _("No recovery time")
        if low == high:
            return ngettext("About %(count)d day", "About %(count)d days", high) % {"count": high}
        if not low:
            return ngettext("Up to about %(count)d day", "Up to about %(count)d days", high) % {"count": high}
        return _("About %(low)d to %(high)d days") % {"low": low, "high": high}

    @property
    def sessions_words(self) -> str:
        low, high = self.sessions_min, self.sessions_max
        if low == high:
            return ngettext("%(count)d session", "%(count)d sessions", high) % {"count": high}
        return _("About %(low)d to %(high)d sessions") % {"low": low, "high": high}

    @property
    def gap_words(self) -> str:
        """How far apart the sessions are; empty for a single session."""
        low, high = self.interval_min_weeks, self.interval_max_weeks
        if self.sessions_max < 2:
            return ""
        if not high:
            return _("On the same day")
        if low == high:
            return ngettext("About %(count)d week apart", "About %(count)d weeks apart", high) % {"count": high}
        return _("About %(low)d to %(high)d weeks apart") % {"low": low, "high": high}


@dataclass(frozen=True)
class Days:
    """A run of calendar days, first and last included."""

    first: date
    last: date

    @property
    def single(self) -> bool:
        return self.first == self.last


@dataclass(frozen=True, kw_only=True)
class DatedStep:
    step: AftercareFacts
    days: Days


@dataclass(frozen=True, kw_only=True)
class Session:
    number: int
    on: date
    soonest: date
    needed: bool
    recovery: Days | None
    clear_on: date
    aftercare: tuple[DatedStep, ...]
    before_target: bool | None = None


@dataclass(frozen=True, kw_only=True)
class Fit:
    """How the course sits against the patient's date."""

    target: date
    status: str
    sessions: int
    spare_days: int
    short_by_days: int
    latest_start_all: date
    latest_start_fewest: date
    latest_start_one: date


@dataclass(frozen=True, kw_only=True)
class Plan:
    course: CourseFacts
    start: date
    start_is_latest: bool
    sessions: tuple[Session, ...]
    fit: Fit | None

    @property
    def last_needed(self) -> Session:
        return self.sessions[self.course.sessions_min - 1]

    @property
    def last(self) -> Session:
        return self.sessions[-1]

    @property
    def end(self) -> date:
        """The last day anything in the plan happens: the last clear day or the last aftercare day."""
        aftercare = [step.days.last for step in self.last.aftercare]
        return max([self.last.clear_on, *aftercare])


def days_to_clear(course: CourseFacts, sessions: int) -> int:
    """Days from the first session to the clear day after session number `sessions`, counting the longest gaps."""
    return (sessions - 1) * course.interval_max_weeks * 7 + course.downtime_max_days + 1


def latest_start(course: CourseFacts, target: date, *, sessions: int) -> date:
    """The last first-session date from which `sessions` sessions and their recovery are over by `target`."""
    return target - timedelta(days=days_to_clear(course, sessions))


def sessions_before(course: CourseFacts, start: date, target: date) -> int:
    """How many sessions, at most the course's most, are over and healed by `target` when starting on `start`."""
    room = (target - start).days - course.downtime_max_days - 1
    if room < 0:
        return 0
    gap = course.interval_max_weeks * 7
    return course.sessions_max if gap == 0 else min(course.sessions_max, room // gap + 1)


def fit(course: CourseFacts, start: date, target: date) -> Fit:
    count = sessions_before(course, start, target)
    if count >= course.sessions_max:
        status = FITS
    elif count >= course.sessions_min:
        status = PARTLY
    elif count:
        status = SHORT
    else:
        status = TOO_SOON
    clear_all = start + timedelta(days=days_to_clear(course, course.sessions_max))
    clear_fitting = start + timedelta(days=days_to_clear(course, max(count, 1)))
    return Fit(
        target=target,
        status=status,
        sessions=count,
        spare_days=max(0, (target - clear_fitting).days),
        short_by_days=max(0, (clear_all - target).days),
        latest_start_all=latest_start(course, target, sessions=course.sessions_max),
        latest_start_fewest=latest_start(course, target, sessions=course.sessions_min),
        latest_start_one=latest_start(course, target, sessions=1),
    )


def soonest_start(today: date) -> date:
    """The soonest first session a plan puts forward by itself: tomorrow. Today has already begun, and the
    preparation some treatments need starts the day before (antiviral medicine, for example). A patient
    who has a session booked for today can still give that date."""
    return today + timedelta(days=1)


def plan(course: CourseFacts, *, start: date | None = None, target: date | None = None, soonest: date) -> Plan:
    """The course as dates, from `start`, or else from the latest start that fits it all before `target`
    (`soonest`, see `soonest_start`, when that has passed). At least one of `start` and `target` is needed."""
    if start is None and target is None:
        raise ValueError("A plan needs a first-session date or a target date.")
    if days_to_clear(course, course.sessions_max) > MAX_COURSE_DAYS:
        raise CourseTooLong(course.slug)
    start_is_latest = False
    if start is None:
        start = latest_start(course, target, sessions=course.sessions_max)
        start_is_latest = start >= soonest
        start = max(start, soonest)
    sessions = tuple(_session(course, start, number, target) for number in range(1, course.sessions_max + 1))
    return Plan(
        course=course,
        start=start,
        start_is_latest=start_is_latest,
        sessions=sessions,
        fit=fit(course, start, target) if target else None,
    )


def _session(course: CourseFacts, start: date, number: int, target: date | None) -> Session:
    on = start + timedelta(weeks=(number - 1) * course.interval_max_weeks)
    clear_on = on + timedelta(days=course.downtime_max_days + 1)
    return Session(
        number=number,
        on=on,
        soonest=start + timedelta(weeks=(number - 1) * course.interval_min_weeks),
        needed=number <= course.sessions_min,
        recovery=Days(on + timedelta(days=1), clear_on - timedelta(days=1)) if course.has_recovery else None,
        clear_on=clear_on,
        aftercare=tuple(
            DatedStep(step=step, days=Days(on + timedelta(days=step.day_from), on + timedelta(days=step.day_to)))
            for step in sorted(course.aftercare, key=lambda step: (step.day_from, step.day_to))
        ),
        before_target=None if target is None else clear_on <= target,
    )
