"""The questionnaire's health questions, and what each means for each treatment."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from . import vocabulary
from .content import NaturalKeyManager, check


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
        "treatments.Treatment", through="TreatmentContraindication", related_name="contraindications"
    )

    objects = NaturalKeyManager()
    # Content history is registered in translation.py, once the translation fields exist, so it records every language.

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

    treatment = models.ForeignKey(
        "treatments.Treatment", on_delete=models.CASCADE, related_name="contraindication_rules"
    )
    contraindication = models.ForeignKey(Contraindication, on_delete=models.CASCADE, related_name="rules")
    action = models.CharField(_("what to do"), max_length=10, choices=Action.choices)
    note = models.TextField(
        _("note for the patient"), help_text=_("Why, in plain words. Shown on the results and the treatment page.")
    )

    class RuleManager(models.Manager):
        def get_by_natural_key(self, treatment, contraindication):
            return self.get(treatment__slug=treatment, contraindication__slug=contraindication)

    objects = RuleManager()
    # Content history is registered in translation.py, once the translation fields exist, so it records every language.

    class Meta:
        ordering = ["contraindication__order", "treatment__name"]
        verbose_name = _("health rule")
        verbose_name_plural = _("health rules")
        constraints = [
            models.UniqueConstraint(
                fields=["treatment", "contraindication"],
                name="one_rule_per_treatment_and_question",
                violation_error_message=_("This treatment already has a rule for this health question."),
            ),
            check(Q(action__in=vocabulary.Action.values), "rule_action_valid", _("Choose avoid or caution.")),
        ]

    def __str__(self):
        return f"{self.contraindication} / {self.treatment}: {self.get_action_display()}"

    def natural_key(self):
        return self.treatment.natural_key() + self.contraindication.natural_key()

    natural_key.dependencies = ["treatments.treatment", "treatments.contraindication"]
