"""A treatment's aftercare, day by day."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .content import check, lines


class AftercareStep(models.Model):
    treatment = models.ForeignKey("treatments.Treatment", on_delete=models.CASCADE, related_name="aftercare_steps")
    day_from = models.PositiveSmallIntegerField(_("from day"), help_text=_("0 is the day of treatment."))
    day_to = models.PositiveSmallIntegerField(_("to day"), help_text=_("Same as 'from day' for a single day."))
    todo = models.TextField(
        _("what to do"), help_text=_("Plain instructions for this stretch of days. One point per line.")
    )
    urgent = models.TextField(
        _("get help at once if"),
        blank=True,
        help_text=_(
            "Signs that cannot wait, one per line. Patients are told to go to an emergency department or call "
            "an ambulance at once if the clinic cannot be reached."
        ),
    )
    watch_for = models.TextField(
        _("what to watch for"), blank=True, help_text=_("Signs that mean the patient should call the clinic.")
    )

    class AftercareStepManager(models.Manager):
        def get_by_natural_key(self, treatment, day_from, day_to):
            return self.get(treatment__slug=treatment, day_from=day_from, day_to=day_to)

    objects = AftercareStepManager()
    # Content history is registered in translation.py, once the translation fields exist, so it records every language.

    class Meta:
        ordering = ["treatment__name", "day_from", "day_to"]
        verbose_name = _("aftercare step")
        verbose_name_plural = _("aftercare steps")
        constraints = [
            check(
                Q(day_from__lte=F("day_to")),
                "aftercare_day_from_lte_to",
                _("'From day' must not be after 'to day'."),
            ),
            check(Q(day_to__lte=365), "aftercare_within_a_year", _("'To day' must be 365 or less.")),
            models.UniqueConstraint(
                fields=["treatment", "day_from", "day_to"],
                name="one_aftercare_step_per_range",
                violation_error_message=_("This treatment already has an aftercare step for these days."),
            ),
        ]

    def __str__(self):
        return f"{self.treatment}: {self.label}"

    def natural_key(self):
        return (*self.treatment.natural_key(), self.day_from, self.day_to)

    natural_key.dependencies = ["treatments.treatment"]

    @property
    def label(self):
        """'Day 0', 'Days 1 to 3', 'Weeks 2 to 8': how patients count their recovery."""
        start, end = self.day_from, self.day_to
        if start == end:
            return _("Day %(day)s") % {"day": start}
        if end < 14:
            return _("Days %(start)s to %(end)s") % {"start": start, "end": end}
        first, last = max(1, -(-start // 7)), -(-end // 7)
        return _("Weeks %(first)s to %(last)s") % {"first": first, "last": last}

    @property
    def todo_points(self):
        return lines(self.todo)

    @property
    def watch_points(self):
        return lines(self.watch_for)

    @property
    def urgent_points(self):
        return lines(self.urgent)
