from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .matching import Answers
from .models import ScarType, Treatment
from .vocabulary import Fit, Severity, SkinType


class TreatmentFilterForm(forms.Form):
    """The treatment list's filters. Every field is optional; a bad value is a clear message."""

    scar = forms.ModelChoiceField(
        label=_("Scar type"),
        queryset=ScarType.objects.published(),
        to_field_name="slug",
        required=False,
        empty_label=_("Any scar type"),
        error_messages={"invalid_choice": _("Choose a scar type from the list.")},
    )
    downtime = forms.IntegerField(
        label=_("Most days of recovery time"),
        min_value=0,
        max_value=365,
        required=False,
        help_text=_("Days with redness, scabs or bruising you can accept. Leave empty for any."),
        error_messages={"invalid": _("Enter a whole number of days, for example 7.")},
    )
    pain = forms.TypedChoiceField(
        label=_("Most pain"),
        choices=[("", _("Any"))] + list(Treatment.Pain.choices),
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": _("Choose mild, moderate or marked.")},
    )

    def filter(self, treatments):
        data = self.cleaned_data
        if data.get("scar"):
            treatments = treatments.filter(
                suitabilities__scar_type=data["scar"], suitabilities__fit__in=[Fit.FIRST_LINE, Fit.SECOND_LINE]
            )
        if data.get("downtime") is not None:
            # The results' rule (matching.recovery_fit): shown when even the shortest usual recovery fits;
            # the page then says by how many days the longest may go over.
            treatments = treatments.filter(downtime_min_days__lte=data["downtime"])
        if data.get("pain"):
            treatments = treatments.filter(pain__lte=data["pain"])
        return treatments


QUESTIONS = ("scar", "severity", "skin_type", "downtime", "health")

# The most days of recovery time a patient can choose. The results accept any whole number from 0 to
# 60; these choices span that range.
DOWNTIME_DAYS = (0, 2, 5, 10, 21, 60)
# The health answer that says none of the health questions apply: the same as ticking none of them.
NO_HEALTH_ANSWER = "none"


class ShownErrorsBoundField(forms.BoundField):
    """Marks a question's inputs invalid only when the page shows that question's error."""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        if self.form.shown_errors is not None and self.name not in self.form.shown_errors:
            attrs.pop("aria-invalid", None)
        return attrs


class HealthCheckboxes(forms.CheckboxSelectMultiple):
    """Tick boxes whose "None of these" box is marked, so a script can clear the others when it is ticked."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value == NO_HEALTH_ANSWER:
            option["attrs"]["data-clears-others"] = True
        return option


class AnswersForm(forms.Form):
    """The questionnaire's answers: the parameters of the results contract, and nothing else.

    The choices come from the published scar types and the health questions in the database, so
    what staff add in admin is asked and accepted at once. Messages never repeat the bad value.
    """

    scar = forms.MultipleChoiceField(
        label=_("Which kinds of scar do you see?"),
        help_text=_("Tick every kind you see. Most people have more than one."),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Tick at least one kind of scar."),
            "invalid_choice": _("Choose the kinds of scar from the list."),
        },
    )
    severity = forms.ChoiceField(
        label=_("How noticeable are your scars?"),
        help_text=_(
            "Look in a mirror from about an arm's length, as someone talking to you would see you. "
            "Then gently stretch the skin over a scar between two fingers."
        ),
        choices=Severity.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose how noticeable your scars are."),
            "invalid_choice": _("Choose mild, moderate or severe."),
        },
    )
    skin_type = forms.TypedChoiceField(
        label=_("What does your skin do in strong sun?"),
        help_text=_(
            "Think of the first strong sun of summer, without sunscreen. This is your skin type; "
            "some treatments can leave dark or light patches on brown and black skin."
        ),
        choices=[(str(value), label) for value, label in SkinType.choices],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the skin type closest to yours."),
            "invalid_choice": _("Choose a skin type from the list."),
        },
    )
    downtime = forms.IntegerField(
        label=_("How much recovery time can you accept?"),
        help_text=_(
            "Recovery time is the days when others can tell you had a treatment: redness, swelling, scabs, "
            "peeling or bruises."
        ),
        min_value=0,
        max_value=60,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose how much recovery time you can accept."),
            "invalid": _("Enter a whole number of days from 0 to 60."),
            "min_value": _("Enter a whole number of days from 0 to 60."),
            "max_value": _("Enter a whole number of days from 0 to 60."),
        },
    )
    health = forms.MultipleChoiceField(
        label=_("Does any of this apply to you?"),
        help_text=_("Tick all that apply, or “None of these”. Some treatments have to wait, or need extra care."),
        required=False,
        widget=HealthCheckboxes,
        error_messages={
            "invalid_choice": _("Choose health answers from the list."),
            "required": _("Tick the ones that apply to you, or “None of these”."),
        },
    )

    bound_field_class = ShownErrorsBoundField
    # The names whose errors the page shows; None shows them all.
    shown_errors = None

    def __init__(self, data, *, scar_types, concerns, health_required=False):
        """`health_required`: the questionnaire asks for an answer to the health question ("None of these"
        counts), so a skipped safety question is never read as an all-clear; the results, like the
        results contract, read no health answer as none."""
        super().__init__(data)
        self.fields["health"].required = health_required
        self.scar_types, self.concerns = list(scar_types), list(concerns)
        self.fields["scar"].choices = [(scar.slug, scar.name) for scar in self.scar_types]
        self.fields["health"].choices = [(concern.slug, concern.question) for concern in self.concerns] + [
            (NO_HEALTH_ANSWER, _("None of these"))
        ]
        self.downtime_days = tuple(sorted(DOWNTIME_DAYS + self._other_downtime()))
        self.fields["downtime"].widget.choices = [(str(days), _recovery_limit(days)) for days in self.downtime_days]

    def _other_downtime(self):
        """A number of days from a shared link that is not one of the usual choices stays choosable."""
        raw = self.data.get("downtime", "")
        if not (raw.isascii() and raw.isdigit() and len(raw) <= 2) or int(raw) > 60 or int(raw) in DOWNTIME_DAYS:
            return ()
        return (int(raw),)

    def clean_health(self):
        """`none` means no health question applies, exactly as ticking none of them does."""
        answers = self.cleaned_data["health"]
        if NO_HEALTH_ANSWER in answers and len(answers) > 1:
            raise forms.ValidationError(
                _("Tick “None of these” or the ones that apply to you, not both."), code="none_and_some"
            )
        return [answer for answer in answers if answer != NO_HEALTH_ANSWER]

    def answers(self):
        data = self.cleaned_data
        return Answers(
            scars=frozenset(data["scar"]),
            severity=data["severity"],
            skin_type=data["skin_type"],
            downtime=data["downtime"],
            health=frozenset(data["health"]),
        )

    def profile(self):
        """The answers as the results contract shows them: lists in the questionnaire's order."""
        data = self.cleaned_data
        return {
            "scar": [slug for slug, _label in self.fields["scar"].choices if slug in data["scar"]],
            "severity": data["severity"],
            "skin_type": data["skin_type"],
            "downtime": data["downtime"],
            "health": [slug for slug, _label in self.fields["health"].choices if slug in data["health"]],
        }

    def carried(self, *, leaving_out=None):
        """(name, value) pairs of the answers given so far, as hidden inputs between steps."""
        return [
            (name, value)
            for name in QUESTIONS
            if name != leaving_out
            for value in self.data.getlist(name)
            if isinstance(value, str)
        ]

    def query(self):
        """The answers given so far as a query string, for links that keep them."""
        return urlencode(self.carried())

    def summary(self):
        """Each question with its answer in words, for the review step and the printed summary."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        words = {
            "scar": ", ".join(label for slug, label in self.fields["scar"].choices if slug in data.get("scar", ())),
            "severity": dict(Severity.choices).get(data.get("severity"), ""),
            "skin_type": dict(SkinType.choices).get(data.get("skin_type"), ""),
            "downtime": "" if data.get("downtime") is None else _recovery_limit(data["downtime"]),
            "health": "; ".join(
                label for slug, label in self.fields["health"].choices if slug in data.get("health", ())
            )
            or (_("None of these") if "health" in data else ""),
        }
        return [
            {"step": number, "name": name, "question": self.fields[name].label, "answer": words[name]}
            for number, name in enumerate(QUESTIONS, 1)
        ]


def _recovery_limit(days):
    """'No recovery time' or 'Up to 5 days': the most recovery time a patient accepts, in words."""
    if days == 0:
        return str(_("No recovery time"))
    return ngettext("Up to %(count)d day", "Up to %(count)d days", days) % {"count": days}


class CompareForm(forms.Form):
    """Two to four published treatments, by slug, in the order asked for."""

    t = forms.MultipleChoiceField(
        label=_("Treatments to compare"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose two to four treatments to compare."),
            "invalid_choice": _("A treatment in the link is not in this guide. Choose from the list below."),
        },
    )

    def __init__(self, data, *, treatments):
        super().__init__(data)
        self.fields["t"].choices = [(treatment.slug, treatment.name) for treatment in treatments]

    def clean_t(self):
        chosen = list(dict.fromkeys(self.cleaned_data["t"]))
        if len(chosen) < 2:
            raise forms.ValidationError(_("Choose at least two treatments to compare."), code="too_few")
        if len(chosen) > 4:
            raise forms.ValidationError(_("Choose at most four treatments to compare."), code="too_many")
        return chosen


class GalleryFilterForm(forms.Form):
    """The before and after gallery's one filter: photos of skin like the patient's own."""

    skin = forms.TypedChoiceField(
        label=_("Skin type"),
        choices=[("", _("All skin types"))] + list(SkinType.choices),
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": _("Choose a skin type from the list.")},
    )
