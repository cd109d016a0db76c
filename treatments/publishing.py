"""What every page of content shares: published or not, reviewed when and by whom, and the queries over it."""

from django.db import models
from django.db.models import Count, Max, Q
from django.utils.translation import gettext_lazy as _

from . import vocabulary
from .content import NaturalKeyManager


class PublishedQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def review(self):
        """The newest review date of these rows, and their reviewer when one clinician reviewed them all.

        In one query; a page built from rows that are not all reviewed says it awaits review.
        """
        found = self.aggregate(
            latest=Max("reviewed_on"),
            reviewers=Count("reviewed_by", distinct=True),
            reviewer=Max("reviewed_by"),
            unreviewed=Count("pk", filter=Q(reviewed_by="")),
            translation_unchecked=Count("pk", filter=Q(translation_reviewed=False)),
        )
        alone = found["reviewers"] == 1 and not found["unreviewed"]
        return {
            "reviewed_on": found["latest"],
            "reviewed_by": found["reviewer"] if alone else "",
            "translation_reviewed": not found["translation_unchecked"],
        }

    def matchable(self):
        """Published treatments the questionnaire weighs: every one but the overview pages of a family."""
        return self.published().filter(is_overview=False)

    def alternatives_to(self, treatment, scar_types):
        """Other treatments the questionnaire weighs that suit any of these scar types, best matches first:
        those that suit the most of them, then those that are a first choice for the most of them."""
        suits = Q(suitabilities__fit__in=[vocabulary.Fit.FIRST_LINE, vocabulary.Fit.SECOND_LINE])
        return (
            self.matchable()
            .exclude(pk=treatment.pk)
            .filter(suits, suitabilities__scar_type__in=scar_types)
            .annotate(
                shared=Count("suitabilities"),
                first=Count("suitabilities", filter=Q(suitabilities__fit=vocabulary.Fit.FIRST_LINE)),
            )
            .order_by("-shared", "-first", "name")
        )

    def visible_to(self, user):
        """Staff preview drafts; everyone else sees published rows only."""
        if user.is_authenticated and user.is_staff:
            return self
        return self.published()


def review_of(rows) -> dict:
    """For rows already loaded: the newest review date, the reviewer when one clinician reviewed them all,
    and whether the clinic has checked the translation of every one."""
    reviewers = {row.reviewed_by for row in rows}
    return {
        "reviewed_on": max((row.reviewed_on for row in rows), default=None),
        "reviewed_by": reviewers.pop() if len(reviewers) == 1 else "",
        "translation_reviewed": all(row.translation_reviewed for row in rows),
    }


class PublishedManager(NaturalKeyManager.from_queryset(PublishedQuerySet)):
    pass


class Reviewed(models.Model):
    """Fields every patient page shows: whether it is live and when it was last checked."""

    published = models.BooleanField(
        _("published"),
        default=True,
        help_text=_("Untick to hide this page from patients. Staff can still preview it."),
    )
    reviewed_on = models.DateField(
        _("last reviewed"),
        help_text=_("The date this content was last checked. Patients see it on the page."),
    )
    reviewed_by = models.CharField(
        _("reviewed by"),
        max_length=120,
        blank=True,
        help_text=_(
            "Name and role of the clinician who checked it, for example 'Dr A. Smith, dermatologist'. "
            "Leave empty until a clinician has: the page then says it awaits review by the clinic's dermatologist."
        ),
    )
    translation_reviewed = models.BooleanField(
        _("translation checked by the clinic"),
        default=False,
        help_text=_(
            "Tick once someone at the clinic has checked the Chinese text of this page, the rows on it included "
            "(fits, aftercare steps, health rules). Until then the Chinese page says its translation awaits "
            "review by the clinic. Untick it when the English changes and the Chinese has not caught up."
        ),
    )

    class Meta:
        abstract = True
