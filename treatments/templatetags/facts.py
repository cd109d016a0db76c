"""A treatment's facts in words, with one label each, the same on every page.

`{% load facts %}`, then `{% label "recovery" %}` for a fact's name and `{{ treatment|recovery }}`,
`{{ treatment|sessions }}` or `{{ treatment|cost }}` for its value.
"""

from django import template
from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from treatments.vocabulary import Fit, recovery_words
from treatments.wording import join_names

register = template.Library()

LABELS = {
    "recovery": _("Recovery time"),
    "pain": _("Pain"),
    "sessions": _("Sessions"),
    "cost": _("Cost per session"),
    "evidence": _("Evidence"),
    "fit": _("Fit"),
    "pigment": _("Risk of dark or light patches in brown and black skin"),
}


@register.simple_tag
def label(fact: str) -> str:
    return str(LABELS[fact])


@register.filter
def recovery(treatment) -> str:
    """'No recovery time', '2 days' or '5 to 10 days' of looking visibly treated."""
    return recovery_words(treatment.downtime_min_days, treatment.downtime_max_days)


@register.filter
def sessions(treatment, short: str = "") -> str:
    """'1 session', '3 to 6 sessions, 4 to 6 weeks apart' (or without the interval: `|sessions:"short"`)."""
    low, high = treatment.sessions_min, treatment.sessions_max
    if low == high:
        words = ngettext("%(count)d session", "%(count)d sessions", high) % {"count": high}
    else:
        words = _("%(low)d to %(high)d sessions") % {"low": low, "high": high}
    weeks_low, weeks_high = treatment.interval_min_weeks, treatment.interval_max_weeks
    if short or high == 1 or not weeks_high:
        return words
    if weeks_low == weeks_high:
        apart = ngettext("%(count)d week apart", "%(count)d weeks apart", weeks_high) % {"count": weeks_high}
    else:
        apart = _("%(low)d to %(high)d weeks apart") % {"low": weeks_low, "high": weeks_high}
    return _("%(sessions)s, %(apart)s") % {"sessions": words, "apart": apart}


@register.filter
def cost(treatment) -> str:
    """'1,500 to 3,000 HKD': a rough guide per session, in the clinic's currency (SCARGUIDE_CURRENCY), with
    the digits grouped as the page's language groups them."""
    low, high = (number_format(amount, force_grouping=True) for amount in (treatment.cost_min, treatment.cost_max))
    if low == high:
        return _("%(amount)s %(currency)s") % {"amount": high, "currency": settings.CURRENCY}
    return _("%(low)s to %(high)s %(currency)s") % {"low": low, "high": high, "currency": settings.CURRENCY}


FIT_FOR = {
    Fit.FIRST_LINE: _("Usual first choice for %(scar)s"),
    Fit.SECOND_LINE: _("Second choice or add-on for %(scar)s"),
    Fit.NOT_SUITABLE: _("Not for %(scar)s"),
}


@register.filter
def fit_for(label) -> str:
    """'Usual first choice for rolling scars': how an option fits one of the patient's kinds of scar."""
    return FIT_FOR[label.fit] % {"scar": _lower_first(label.name)}


@register.filter
def fits(candidate) -> list[tuple[str, str]]:
    """How an option fits each of the patient's kinds of scar, one phrase per fit, best first:
    [("first-line", "Usual first choice for rolling scars"), ("not-suitable", "Not for ice pick scars")]."""
    found = []
    for fit in Fit:
        scars = [label.name for label in candidate.labels if label.fit == fit]
        if scars:
            found.append((fit.value, FIT_FOR[fit] % {"scar": names(scars)}))
    return found


@register.filter
def names(items) -> str:
    """'boxcar scars and rolling scars'."""
    return join_names((str(item) for item in items), lower=True)


def _lower_first(name: str) -> str:
    return name[:1].lower() + name[1:]


@register.filter
def over_limit(days: int) -> str:
    """'may go 3 days over your limit'."""
    return ngettext("may go %(count)d day over your limit", "may go %(count)d days over your limit", days) % {
        "count": days
    }
