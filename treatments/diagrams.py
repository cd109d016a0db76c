"""Cross-section drawings of the scar types, kept as static SVG files at img/scars/<slug>.svg.

The drawings carry their own <title> and <desc>; the text alternatives here are what the page's
<img alt> says, and the captions what the scar page writes under its drawing, so they can be
translated. Labels in the drawings are 22 units or more on a 400-unit-wide drawing: at least 12
CSS pixels wherever a page shows it 220 pixels wide or more.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

WIDTH, HEIGHT = 400, 250

_ALT_TEXT = {
    "ice-pick": _(
        "Cross-section of skin with an ice pick scar: a narrow, deep V-shaped pit that runs from a small "
        "opening at the surface down through the dermis towards the fat."
    ),
    "boxcar": _(
        "Cross-section of skin with a boxcar scar: a wide U-shaped dip with steep, sharp walls and a flat "
        "floor in the upper dermis."
    ),
    "rolling": _(
        "Cross-section of skin with rolling scars: the surface rises and falls in broad, soft waves, and "
        "under each dip a fibrous band runs down to the fat and pulls the skin down."
    ),
    "hypertrophic": _(
        "Cross-section of skin with a hypertrophic scar: a firm mound of extra scar tissue that rises "
        "above the skin surface and stays within the area of the original spot."
    ),
    "flat-marks": _(
        "Cross-section of skin with flat marks: the surface stays flat and smooth; a red patch comes from "
        "small blood vessels under the surface, and a brown patch from extra pigment in the top layer."
    ),
}

_CAPTION = {
    "ice-pick": _("An ice pick scar in a slice of skin: a narrow pit that runs deep into the dermis."),
    "boxcar": _("A boxcar scar in a slice of skin: a wide dip with steep walls and a flat floor."),
    "rolling": _("Rolling scars in a slice of skin: soft waves, pulled down by bands of tissue underneath."),
    "hypertrophic": _(
        "A raised scar in a slice of skin: extra scar tissue rises above the surface, within the area of the "
        "original spot."
    ),
    "flat-marks": _("Flat marks in a slice of skin: only the colour changes, red or brown, with no dip or bump."),
}


@dataclass(frozen=True)
class Diagram:
    path: str
    alt: str
    caption: str
    width: int = WIDTH
    height: int = HEIGHT


def diagram_for(slug):
    """The drawing for a scar type, or None for a type the clinic added that has no drawing yet."""
    if slug not in _ALT_TEXT:
        return None
    return Diagram(path=f"img/scars/{slug}.svg", alt=_ALT_TEXT[slug], caption=_CAPTION[slug])
