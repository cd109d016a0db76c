"""The recovery planner's forms: they only validate the dates (and, side by side, the treatments).

Dates are health data like the questionnaire's answers: read from the query string, never stored.
"""

from datetime import date, timedelta

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from . import planner

# How far ahead a plan may look: a date past this is more likely a typing slip than a plan.
YEARS_AHEAD = 5
MOST_SIDE_BY_SIDE = 4


def _date_field(label, help_text):
    return forms.DateField(
        label=label,
        help_text=help_text,
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        error_messages={"invalid": _("Enter a real date as year, month and day, for example 2027-03-14.")},
    )


def _day(day: date) -> str:
    return date_format(day, "j F Y")


class PlanForm(forms.Form):
    """The date that matters, a first-session date, or both.

    With `course` (one treatment's facts), a date too soon for even one session and its recovery is
    refused with the soonest date that leaves room.
    """

    date = _date_field(
        _("A date you want to look like yourself by"), _("For example a wedding, a job interview or a holiday.")
    )
    start = _date_field(
        _("Your first session, if you know it"), _("Leave it empty to see the latest start that fits your date.")
    )
    keys = ("date", "start")

    def __init__(self, data, *, today: date, course: planner.CourseFacts | None = None):
        bound = any(key in data for key in self.keys)
        super().__init__(data if bound else None)
        self.asked = "date" in data or "start" in data
        self.today, self.course = today, course
        self.soonest = planner.soonest_start(today)
        self.last_day = today + timedelta(days=365 * YEARS_AHEAD)
        for name in ("date", "start"):
            self.fields[name].widget.attrs.update(min=today.isoformat(), max=self.last_day.isoformat())

    def _in_range(self, day, past_message):
        if day and day < self.today:
            raise forms.ValidationError(past_message, code="past")
        if day and day > self.last_day:
            raise forms.ValidationError(
                _("Choose a date within the next %(years)d years.") % {"years": YEARS_AHEAD}, code="too_far"
            )
        return day

    def clean_date(self):
        return self._in_range(self.cleaned_data["date"], _("This date has passed. Choose a date from today on."))

    def clean_start(self):
        return self._in_range(
            self.cleaned_data["start"], _("A first session cannot be in the past. Choose a date from today on.")
        )

    def clean(self):
        data = super().clean()
        target, start = data.get("date"), data.get("start")
        if not self.asked or "date" in self.errors or "start" in self.errors:
            return data
        if not (target or start):
            raise forms.ValidationError(
                _("Enter a date you want to look like yourself by, or the date of your first session."), code="empty"
            )
        if target and start and start >= target:
            self.add_error("start", _("Your first session needs to come before your date."))
        elif target and self.course and not planner.sessions_before(self.course, start or self.soonest, target):
            self.add_error("date", self._too_soon(target, start))
        return data

    def _too_soon(self, target, start):
        course = self.course
        latest = planner.latest_start(course, target, sessions=1)
        earliest = self.soonest + timedelta(days=planner.days_to_clear(course, 1))
        values = {"name": course.name, "recovery": course.recovery_words.lower(), "earliest": _day(earliest)}
        if start and latest >= self.today:
            return _(
                "A session of %(name)s on %(start)s would not be healed by this date: recovery takes %(recovery)s. "
                "Choose a first session by %(latest)s, or a later date."
            ) % {**values, "start": _day(start), "latest": _day(latest)}
        if not course.has_recovery:
            return (
                _(
                    "This date is too soon: even with no recovery time, a session needs to come before your date. "
                    "The soonest date that leaves room is %(earliest)s."
                )
                % values
            )
        return (
            _(
                "This date is too soon for even one session of %(name)s and its recovery (%(recovery)s). "
                "The soonest date that leaves room is %(earliest)s."
            )
            % values
        )


class SideBySidePlanForm(PlanForm):
    """One to four published treatments, by slug, planned against the same dates."""

    t = forms.MultipleChoiceField(
        label=_("Treatments to plan"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one treatment."),
            "invalid_choice": _("A treatment in the link is not in this guide. Choose from the list below."),
        },
    )
    keys = ("date", "start", "t")

    def __init__(self, data, *, today: date, treatments):
        super().__init__(data, today=today)
        self.fields["t"].choices = [(treatment.slug, treatment.name) for treatment in treatments]

    def clean_t(self):
        chosen = list(dict.fromkeys(self.cleaned_data["t"]))
        if len(chosen) > MOST_SIDE_BY_SIDE:
            raise forms.ValidationError(
                _("Choose at most %(most)d treatments to plan side by side.") % {"most": MOST_SIDE_BY_SIDE},
                code="too_many",
            )
        return chosen
