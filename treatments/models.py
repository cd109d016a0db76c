"""The content a clinic keeps current: scar types, treatments and the facts that link them."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from . import vocabulary
from .diagrams import diagram_for


class NaturalKeyManager(models.Manager):
    """Looks rows up by their slug, so fixtures never carry database ids."""

    key_field = "slug"

    def get_by_natural_key(self, key):
        return self.get(**{self.key_field: key})


class PublishedQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def visible_to(self, user):
        """Staff preview drafts; everyone else sees published rows only."""
        if user.is_authenticated and user.is_staff:
            return self
        return self.published()


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
        help_text=_("The date a clinician last checked this content. Patients see it on the page."),
    )
    reviewed_by = models.CharField(
        _("reviewed by"),
        max_length=120,
        help_text=_("Name and role of the person who checked it, for example 'Dr A. Smith, dermatologist'."),
    )

    class Meta:
        abstract = True


class SourceQuerySet(models.QuerySet):
    def overview(self):
        return self.filter(overview=True)


class SourceManager(NaturalKeyManager.from_queryset(SourceQuerySet)):
    key_field = "key"


class Source(models.Model):
    key = models.SlugField(
        _("short name"),
        unique=True,
        help_text=_("A short label such as 'jacob-2001'. Letters, numbers and hyphens only."),
    )
    citation = models.TextField(
        _("citation"), help_text=_("Authors, title, journal or website, and year, as patients will see it.")
    )
    url = models.URLField(_("link"), max_length=500, blank=True, help_text=_("Where the source can be read."))
    overview = models.BooleanField(
        _("show on overview pages"),
        default=False,
        help_text=_("Tick for broad reviews that back the home page and the lists, not just one treatment."),
    )

    objects = SourceManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["citation"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self):
        return self.citation[:80]

    def natural_key(self):
        return (self.key,)


class ScarType(Reviewed):
    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(
        _("web address"), unique=True, help_text=_("Used in the page address. Filled in from the name.")
    )
    summary = models.TextField(
        _("summary"), help_text=_("One or two plain sentences shown first on the page and in lists.")
    )
    description = models.TextField(_("what it is"), help_text=_("What this scar is and why it forms, in plain words."))
    how_to_recognise = models.TextField(
        _("how to recognise it"), help_text=_("What a patient can see in the mirror: size, shape, where it shows up.")
    )
    stretch_test = models.TextField(
        _("stretch test"),
        help_text=_("What happens when the patient gently stretches the skin between two fingers."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Lower numbers are listed first."))
    sources = models.ManyToManyField(Source, blank=True, related_name="scar_types", verbose_name=_("sources"))

    objects = PublishedManager()
    history = HistoricalRecords(m2m_fields=[sources])

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("scar type")
        verbose_name_plural = _("scar types")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("treatments:scar_detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    @property
    def diagram(self):
        return diagram_for(self.slug)


class Treatment(Reviewed):
    Category = vocabulary.Category
    Role = vocabulary.Role
    Pain = vocabulary.Pain
    PigmentRisk = vocabulary.PigmentRisk
    Evidence = vocabulary.Evidence

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(
        _("web address"), unique=True, help_text=_("Used in the page address. Filled in from the name.")
    )
    also_known_as = models.CharField(
        _("also known as"),
        max_length=200,
        blank=True,
        help_text=_("Other names patients may have heard, separated by commas."),
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    role = models.CharField(
        _("role in a treatment plan"),
        max_length=20,
        choices=Role.choices,
        help_text=_(
            "Decides where this treatment goes when several are combined: structural work first, then volume, then resurfacing."
        ),
    )
    summary = models.TextField(
        _("summary"), help_text=_("One or two plain sentences shown first on the page and in lists.")
    )
    how_it_works = models.TextField(_("how it works"))
    session = models.TextField(
        _("what a session is like"), help_text=_("Numbing, how long it takes, what the patient feels.")
    )
    preparation = models.TextField(
        _("preparation"), help_text=_("What to do in the weeks and days before. One point per line.")
    )
    side_effects = models.TextField(_("side effects"), help_text=_("Common and rare side effects. One point per line."))
    downtime_min_days = models.PositiveSmallIntegerField(
        _("downtime from (days)"),
        help_text=_("Fewest days a patient usually looks visibly treated (redness, scabs, bruises)."),
    )
    downtime_max_days = models.PositiveSmallIntegerField(
        _("downtime up to (days)"), help_text=_("Most days, in the usual case.")
    )
    sessions_min = models.PositiveSmallIntegerField(_("sessions from"))
    sessions_max = models.PositiveSmallIntegerField(_("sessions up to"))
    interval_min_weeks = models.PositiveSmallIntegerField(
        _("weeks between sessions, from"), help_text=_("Use 0 when there is usually a single session.")
    )
    interval_max_weeks = models.PositiveSmallIntegerField(_("weeks between sessions, up to"))
    pain = models.PositiveSmallIntegerField(
        _("pain"), choices=Pain.choices, help_text=_("How it usually feels, even with numbing.")
    )
    cost_min = models.PositiveIntegerField(_("cost per session from"), help_text=_("Whole amount, no symbols."))
    cost_max = models.PositiveIntegerField(_("cost per session up to"))
    currency = models.CharField(
        _("currency"), max_length=3, default="USD", help_text=_("Three-letter code, for example GBP, EUR or USD.")
    )
    pigment_risk = models.CharField(
        _("pigment risk for darker skin"),
        max_length=10,
        choices=PigmentRisk.choices,
        help_text=_("Risk of dark or light patches in skin types IV to VI (brown and black skin)."),
    )
    pigment_note = models.TextField(
        _("advice for darker skin"), help_text=_("What patients with brown or black skin should know.")
    )
    evidence = models.CharField(_("strength of evidence"), max_length=15, choices=Evidence.choices)
    evidence_note = models.TextField(
        _("about the evidence"), help_text=_("What the studies show, and how strong they are, in plain words.")
    )
    results_timeline = models.TextField(_("when results show"))
    results_last = models.TextField(_("how long results last"))
    sources = models.ManyToManyField(Source, blank=True, related_name="treatments", verbose_name=_("sources"))
    scar_types = models.ManyToManyField(ScarType, through="Suitability", related_name="treatments", blank=True)

    objects = PublishedManager()
    history = HistoricalRecords(m2m_fields=[sources])

    class Meta:
        ordering = ["name"]
        verbose_name = _("treatment")
        verbose_name_plural = _("treatments")
        constraints = [
            models.CheckConstraint(
                condition=Q(downtime_min_days__lte=F("downtime_max_days")), name="downtime_min_lte_max"
            ),
            models.CheckConstraint(condition=Q(downtime_max_days__lte=365), name="downtime_within_a_year"),
            models.CheckConstraint(condition=Q(sessions_min__gte=1), name="sessions_at_least_one"),
            models.CheckConstraint(condition=Q(sessions_min__lte=F("sessions_max")), name="sessions_min_lte_max"),
            models.CheckConstraint(
                condition=Q(interval_min_weeks__lte=F("interval_max_weeks")), name="interval_min_lte_max"
            ),
            models.CheckConstraint(condition=Q(pain__gte=1, pain__lte=3), name="pain_in_range"),
            models.CheckConstraint(condition=Q(cost_min__lte=F("cost_max")), name="cost_min_lte_max"),
            models.CheckConstraint(
                condition=Q(pigment_risk__in=["low", "moderate", "high"]), name="pigment_risk_valid"
            ),
            models.CheckConstraint(
                condition=Q(evidence__in=["very-low", "low", "low-moderate", "moderate", "high"]), name="evidence_valid"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("treatments:treatment_detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    def get_aftercare_url(self):
        return reverse("treatments:aftercare", args=[self.slug])

    @property
    def preparation_points(self):
        return _lines(self.preparation)

    @property
    def side_effect_points(self):
        return _lines(self.side_effects)


def _lines(text):
    return [line.strip(" -•") for line in text.splitlines() if line.strip(" -•")]


class Suitability(models.Model):
    Fit = vocabulary.Fit

    treatment = models.ForeignKey(Treatment, on_delete=models.CASCADE, related_name="suitabilities")
    scar_type = models.ForeignKey(ScarType, on_delete=models.CASCADE, related_name="suitabilities")
    fit = models.CharField(
        _("fit"),
        max_length=15,
        choices=Fit.choices,
        help_text=_(
            "First-line: among the first things to try. Second-line: used after, or together with, another option."
        ),
    )
    reason = models.TextField(_("why"), help_text=_("One or two plain sentences a patient will read."))

    class SuitabilityManager(models.Manager):
        def get_by_natural_key(self, treatment, scar_type):
            return self.get(treatment__slug=treatment, scar_type__slug=scar_type)

    objects = SuitabilityManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["scar_type__order", "treatment__name"]
        verbose_name = _("suitability")
        verbose_name_plural = _("suitability by scar type")
        constraints = [
            models.UniqueConstraint(fields=["treatment", "scar_type"], name="one_suitability_per_pair"),
            models.CheckConstraint(
                condition=Q(fit__in=["first-line", "second-line", "not-suitable"]), name="suitability_fit_valid"
            ),
        ]

    def __str__(self):
        return f"{self.treatment} / {self.scar_type}: {self.get_fit_display()}"

    def natural_key(self):
        return self.treatment.natural_key() + self.scar_type.natural_key()

    natural_key.dependencies = ["treatments.treatment", "treatments.scartype"]

    @property
    def suits(self):
        return self.fit != self.Fit.NOT_SUITABLE


class AftercareStep(models.Model):
    treatment = models.ForeignKey(Treatment, on_delete=models.CASCADE, related_name="aftercare_steps")
    day_from = models.PositiveSmallIntegerField(_("from day"), help_text=_("0 is the day of treatment."))
    day_to = models.PositiveSmallIntegerField(_("to day"), help_text=_("Same as 'from day' for a single day."))
    todo = models.TextField(
        _("what to do"), help_text=_("Plain instructions for this stretch of days. One point per line.")
    )
    watch_for = models.TextField(
        _("what to watch for"), blank=True, help_text=_("Signs that mean the patient should call the clinic.")
    )

    class AftercareStepManager(models.Manager):
        def get_by_natural_key(self, treatment, day_from, day_to):
            return self.get(treatment__slug=treatment, day_from=day_from, day_to=day_to)

    objects = AftercareStepManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["treatment__name", "day_from", "day_to"]
        verbose_name = _("aftercare step")
        verbose_name_plural = _("aftercare steps")
        constraints = [
            models.CheckConstraint(condition=Q(day_from__lte=F("day_to")), name="aftercare_day_from_lte_to"),
            models.CheckConstraint(condition=Q(day_to__lte=365), name="aftercare_within_a_year"),
            models.UniqueConstraint(fields=["treatment", "day_from", "day_to"], name="one_aftercare_step_per_range"),
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
        return _lines(self.todo)

    @property
    def watch_points(self):
        return _lines(self.watch_for)


class Contraindication(models.Model):
    slug = models.SlugField(
        _("answer code"),
        unique=True,
        help_text=_("Used in results links, for example 'pregnant'. Do not change it once the site is live."),
    )
    name = models.CharField(_("name"), max_length=120, help_text=_("Short name staff see, for example 'Pregnancy'."))
    question = models.CharField(
        _("question for patients"),
        max_length=250,
        help_text=_("Shown in the questionnaire as a tick box, for example 'I am pregnant or breastfeeding'."),
    )
    explanation = models.TextField(_("why we ask"), help_text=_("One plain sentence shown under the question."))
    notice = models.TextField(
        _("message on the results"),
        blank=True,
        help_text=_("Shown at the top of the results when a patient ticks this. Leave empty for none."),
    )
    rules_out_all = models.BooleanField(
        _("rules out every treatment without its own rule"),
        default=False,
        help_text=_(
            "Tick for a hard stop such as pregnancy or active acne: a treatment with no health rule of its own "
            "for this question is then ruled out, with the message on the results as the reason. Add a rule to "
            "a treatment to allow it with a caution instead."
        ),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    treatments = models.ManyToManyField(
        Treatment, through="TreatmentContraindication", related_name="contraindications"
    )

    objects = NaturalKeyManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("health question")
        verbose_name_plural = _("health questions")

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class TreatmentContraindication(models.Model):
    Action = vocabulary.Action

    treatment = models.ForeignKey(Treatment, on_delete=models.CASCADE, related_name="contraindication_rules")
    contraindication = models.ForeignKey(Contraindication, on_delete=models.CASCADE, related_name="rules")
    action = models.CharField(_("what to do"), max_length=10, choices=Action.choices)
    note = models.TextField(
        _("note for the patient"), help_text=_("Why, in plain words. Shown on the results and the treatment page.")
    )

    class RuleManager(models.Manager):
        def get_by_natural_key(self, treatment, contraindication):
            return self.get(treatment__slug=treatment, contraindication__slug=contraindication)

    objects = RuleManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["contraindication__order", "treatment__name"]
        verbose_name = _("health rule")
        verbose_name_plural = _("health rules")
        constraints = [
            models.UniqueConstraint(
                fields=["treatment", "contraindication"], name="one_rule_per_treatment_and_question"
            ),
            models.CheckConstraint(condition=Q(action__in=["avoid", "caution"]), name="rule_action_valid"),
        ]

    def __str__(self):
        return f"{self.contraindication} / {self.treatment}: {self.get_action_display()}"

    def natural_key(self):
        return self.treatment.natural_key() + self.contraindication.natural_key()

    natural_key.dependencies = ["treatments.treatment", "treatments.contraindication"]


class SeededRow(models.Model):
    """Remembers which fixture rows seed_content has created, so it never brings back what staff deleted."""

    model = models.CharField(max_length=100)
    key = models.CharField(max_length=400)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["model", "key"], name="seeded_row_once")]

    def __str__(self):
        return f"{self.model} {self.key}"


class ContentVersion(models.Model):
    """One row whose token changes with every content edit; cached pages are keyed by it, so none is stale.

    It lives in the database rather than only in the cache so that every app server, with or without a
    shared Redis, sees an edit on its very next request.
    """

    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return self.token


# Photos live in their own module; imported here so Django registers them with this app.
from .photos import BeforeAfterPhoto, ScarTypePhoto, SkinType, TreatmentPhoto  # noqa: E402, F401
