from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ScarType, Treatment


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
        label=_("Most days of recovery"),
        min_value=0,
        max_value=365,
        required=False,
        help_text=_("Days with redness, scabs or bruising you can accept. Leave empty for any."),
        error_messages={"invalid": _("Enter a whole number of days, for example 7.")},
    )
    pain = forms.TypedChoiceField(
        label=_("Most discomfort"),
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
                suitabilities__scar_type=data["scar"], suitabilities__fit__in=["first-line", "second-line"]
            )
        if data.get("downtime") is not None:
            treatments = treatments.filter(downtime_max_days__lte=data["downtime"])
        if data.get("pain"):
            treatments = treatments.filter(pain__lte=data["pain"])
        return treatments
