"""The content a clinic keeps current: scar types, treatments and the facts that link them."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from . import vocabulary
from .content import NaturalKeyManager, check, lines
from .diagrams import diagram_for
from .publishing import PublishedManager, Reviewed


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
    also_known_as = models.CharField(
        _("also known as"),
        max_length=200,
        blank=True,
        help_text=_("Other names patients may use or search for, separated by commas."),
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
    shape = models.CharField(
        _("shape"),
        max_length=10,
        choices=vocabulary.Shape.choices,
        default=vocabulary.Shape.SUNKEN,
        help_text=_(
            "Raised scars are treated differently from sunken ones, and a patient who has them is treated as "
            "someone who tends to form raised (keloid) scars."
        ),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Lower numbers are listed first."))
    sources = models.ManyToManyField(Source, blank=True, related_name="scar_types", verbose_name=_("sources"))

    objects = PublishedManager()
    # Content history is registered in translation.py, once the translation fields exist, so it records every language.

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

    @property
    def is_mark(self):
        """Flat red or brown marks: not a scar, so no scar treatment is matched or listed for it."""
        return self.shape == vocabulary.Shape.FLAT


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
        help_text=_(
            "Other names patients may have heard or search for (brand and everyday names), separated by commas."
        ),
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    is_overview = models.BooleanField(
        _("overview of a family"),
        default=False,
        help_text=_(
            "Tick for a page that introduces several kinds of one treatment (for example all skin peels). "
            "It is not matched in the questionnaire; the kinds that belong to it are."
        ),
    )
    family = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="variants",
        limit_choices_to={"is_overview": True},
        verbose_name=_("kind of"),
        help_text=_("The overview page this treatment is one kind of, if any."),
    )
    wounds_skin = models.BooleanField(
        _("wounds the skin"),
        default=True,
        help_text=_(
            "Tick when the treatment breaks or burns the skin (lasers, needling, peels, surgery). People who "
            "form raised (keloid) scars are warned about these, and they rank below gentler options."
        ),
    )
    paired_with = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("only together with"),
        help_text=_(
            "A treatment that must always go with this one (for example steroid injections after a raised scar "
            "is cut out). When that one is ruled out for a patient, so is this one."
        ),
    )
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
    cost_min = models.PositiveIntegerField(
        _("cost per session from"),
        help_text=_(
            "Whole amount, no symbols, in the clinic's currency (set for the whole site when it is installed)."
        ),
    )
    cost_max = models.PositiveIntegerField(_("cost per session up to"))
    pigment_risk = models.CharField(
        _("pigment risk for darker skin"),
        max_length=10,
        choices=PigmentRisk.choices,
        help_text=_(
            "Risk of dark or light patches in skin types IV to VI (brown and black skin). Low: a preferred "
            "option, ranked higher. Low, with care: a precaution, shown with the advice below. Moderate: "
            "ranked lower and never called a usual first choice. High: ruled out."
        ),
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
    # Content history is registered in translation.py, once the translation fields exist, so it records every language.

    class Meta:
        ordering = ["name"]
        verbose_name = _("treatment")
        verbose_name_plural = _("treatments")
        constraints = [
            check(
                Q(downtime_min_days__lte=F("downtime_max_days")),
                "downtime_min_lte_max",
                _("'Downtime from (days)' must not be more than 'downtime up to (days)'."),
            ),
            check(
                Q(downtime_max_days__lte=365),
                "downtime_within_a_year",
                _("'Downtime up to (days)' must be 365 days or fewer."),
            ),
            check(Q(sessions_min__gte=1), "sessions_at_least_one", _("'Sessions from' must be at least 1.")),
            check(
                Q(sessions_min__lte=F("sessions_max")),
                "sessions_min_lte_max",
                _("'Sessions from' must not be more than 'sessions up to'."),
            ),
            check(
                Q(interval_min_weeks__lte=F("interval_max_weeks")),
                "interval_min_lte_max",
                _("'Weeks between sessions, from' must not be more than 'weeks between sessions, up to'."),
            ),
            check(Q(pain__gte=1, pain__lte=3), "pain_in_range", _("Pain must be mild, moderate or marked.")),
            check(
                Q(cost_min__lte=F("cost_max")),
                "cost_min_lte_max",
                _("'Cost per session from' must not be more than 'cost per session up to'."),
            ),
            check(
                Q(pigment_risk__in=vocabulary.PigmentRisk.values),
                "pigment_risk_valid",
                _("Choose a pigment risk from the list."),
            ),
            check(
                Q(evidence__in=vocabulary.Evidence.values),
                "evidence_valid",
                _("Choose an evidence grade from the list."),
            ),
            check(
                Q(is_overview=False) | Q(family__isnull=True),
                "overview_is_no_kind",
                _(
                    "An overview page cannot itself be a kind of another treatment: clear 'kind of' or untick 'overview of a "
                    "family'."
                ),
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
        return lines(self.preparation)

    @property
    def side_effect_points(self):
        return lines(self.side_effects)


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
    # Content history is registered in translation.py, once the translation fields exist, so it records every language.

    class Meta:
        ordering = ["scar_type__order", "treatment__name"]
        verbose_name = _("suitability")
        verbose_name_plural = _("suitability by scar type")
        constraints = [
            models.UniqueConstraint(
                fields=["treatment", "scar_type"],
                name="one_suitability_per_pair",
                violation_error_message=_("This treatment already has a row for this scar type."),
            ),
            check(Q(fit__in=vocabulary.Fit.values), "suitability_fit_valid", _("Choose a fit from the list.")),
        ]

    def __str__(self):
        return f"{self.treatment} / {self.scar_type}: {self.get_fit_display()}"

    def natural_key(self):
        return self.treatment.natural_key() + self.scar_type.natural_key()

    natural_key.dependencies = ["treatments.treatment", "treatments.scartype"]

    @property
    def suits(self):
        return self.fit != self.Fit.NOT_SUITABLE


class SeededRow(models.Model):
    """Remembers which fixture rows seed_content has created, so it never brings back what staff deleted."""

    model = models.CharField(max_length=100)
    key = models.CharField(max_length=400)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["model", "key"],
                name="seeded_row_once",
                violation_error_message=_("This starter row is already recorded."),
            )
        ]

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


# Models kept in modules of their own; imported here so Django registers them with this app.
from .aftercare import AftercareStep  # noqa: E402, F401
from .health_questions import Contraindication, TreatmentContraindication  # noqa: E402, F401
from .photos import BeforeAfterPhoto, ScarTypePhoto, TreatmentPhoto  # noqa: E402, F401
