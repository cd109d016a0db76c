"""The words ScarGuide uses for its choices, defined once.

Models, forms, the matching rules and templates all import these, so a fit, a health action, a
role, a severity or a skin type has one value and one label everywhere. Nothing here touches the
database: the matching rules import it and stay free of the ORM.
"""

from functools import lru_cache

from django.db.models import IntegerChoices, TextChoices
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _


class Fit(TextChoices):
    """How well a treatment suits one kind of scar (the grid in the clinical basis, section 3)."""

    FIRST_LINE = "first-line", _("Usual first choice")
    SECOND_LINE = "second-line", _("Second choice or add-on")
    NOT_SUITABLE = "not-suitable", _("Not suitable")


class Action(TextChoices):
    """What a ticked health question means for one treatment (the clinical basis, section 6)."""

    AVOID = "avoid", _("Avoid: rule the treatment out")
    CAUTION = "caution", _("Caution: keep it, with a warning")


class Role(TextChoices):
    """Where a treatment goes in a plan of several (the clinical basis, section 8, sequencing)."""

    STRUCTURAL = "structural", _("Structural: frees or removes the scar itself")
    VOLUME = "volume", _("Volume: lifts a sunken area")
    RESURFACING = "resurfacing", _("Resurfacing: evens the skin surface")
    RAISED = "raised", _("Flattening: for raised scars")


class Category(TextChoices):
    ENERGY = "energy", _("Laser and energy devices")
    NEEDLING = "needling", _("Needling")
    PEEL = "peel", _("Skin peels and resurfacing")
    INJECTION = "injection", _("Injections")
    SURGERY = "surgery", _("Minor surgery")
    SKINCARE = "skincare", _("Skin care at home")


class Severity(TextChoices):
    """Goodman and Baron grades 2 to 4, in the patient's words."""

    MILD = "mild", _("Mild")
    MODERATE = "moderate", _("Moderate")
    SEVERE = "severe", _("Severe")


class SkinType(IntegerChoices):
    """Fitzpatrick skin types, led by what a patient sees in their own skin."""

    I = 1, _("Very fair skin that always burns and never tans (type I)")  # noqa: E741
    II = 2, _("Fair skin that burns easily and tans a little (type II)")
    III = 3, _("Light brown skin that sometimes burns and tans slowly (type III)")
    IV = 4, _("Olive or mid-brown skin that rarely burns and tans easily (type IV)")
    V = 5, _("Brown skin that very rarely burns (type V)")
    VI = 6, _("Dark brown or black skin that almost never burns (type VI)")


# Brown and black skin: a higher risk of dark or light patches after treatments that irritate it.
DARKER_SKIN_TYPES = frozenset({SkinType.IV, SkinType.V, SkinType.VI})


class Shape(TextChoices):
    """Whether a kind of scar dips below the skin or rises above it: they are treated differently."""

    SUNKEN = "sunken", _("Sunken (a dip or pit)")
    RAISED = "raised", _("Raised (a bump)")
    FLAT = "flat", _("Flat (a red or brown mark, not a scar)")


class Pain(IntegerChoices):
    MILD = 1, _("Mild")
    MODERATE = 2, _("Moderate")
    MARKED = 3, _("Marked")


class PigmentRisk(TextChoices):
    """Skin types IV to VI (section 6, "Fitzpatrick IV-VI"; section 8, skin type modifiers): low ranks an
    option higher (a preferred option for brown and black skin), "low, with care" is a precaution that
    changes no ranking, moderate ranks it lower and never as a usual first choice, high rules it out."""

    LOW = "low", _("Low")
    CARE = "care", _("Low, with care")
    MODERATE = "moderate", _("Moderate")
    HIGH = "high", _("High")


class Evidence(TextChoices):
    VERY_LOW = "very-low", _("Very low")
    LOW = "low", _("Low")
    LOW_MODERATE = "low-moderate", _("Low to moderate")
    MODERATE = "moderate", _("Moderate")
    HIGH = "high", _("High")


# The health question that a raised scar answers by itself: a person who has raised scars already
# heals that way (the clinical basis, sections 6 and 8).
KELOID = "keloid"


def recovery_words(low: int, high: int) -> str:
    """A recovery range in words: 'No recovery time', '2 days', '5 to 10 days'. Never '0 to 0 days'."""
    return _recovery_words(low, high, get_language())


@lru_cache(maxsize=512)
def _recovery_words(low: int, high: int, language: str) -> str:
    # Kept per language: only ever a treatment's own range (content), never a patient's answer.
    if high == 0:
        return str(_("No recovery time"))
    if low == high:
        return days(high)
    return _("%(low)d to %(high)s") % {"low": low, "high": days(high)}


def days(count: int) -> str:
    return ngettext("%(count)d day", "%(count)d days", count) % {"count": count}
