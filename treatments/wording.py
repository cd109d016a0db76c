"""The sentences that explain the matching, kept apart from the rules that decide.

A rule returns `Say` values (a sentence's key and its facts), which cost almost nothing to make;
`sentence()` writes one out in the request's language only when a page or the JSON shows it.
"""

from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext_lazy as _

from .vocabulary import days, recovery_words


class Say(NamedTuple):
    key: str
    # What kind of reason it is, so the ruled-out options can be grouped by reason.
    kind: str
    params: dict


def say(key: str, *, kind: str = "", **params) -> Say:
    return Say(key, kind or KINDS.get(key, key), params)


KINDS = {
    "marks-only": "marks",
    "scar-unsuited": "scar",
    "scar-no-row": "scar",
    "pigment-high": "pigment",
    "recovery-too-long": "recovery",
    "paired-ruled-out": "paired",
}

WORDS = {
    "text": "%(text)s",
    "names": _("%(names)s and %(last)s"),
    "scar-suits": _("%(scar)s: %(reason)s"),
    "scar-unsuited": _("%(scar)s (not suitable): %(reason)s"),
    "scar-no-row": _("Not an option for the kinds of scar you chose."),
    "marks-only": _("Flat red or brown marks are not scars, so scar treatments are not the place to start."),
    "marks-notice": _(
        "Flat red or brown marks are not scars. Most fade over months. Sunscreen every day, gentle skin care and "
        "treating active acne help them fade. A dermatologist can offer creams, or a laser for red marks, if "
        "they last."
    ),
    "held-back-ask-doctor": _("Ask your doctor first: only your doctor can say if it is safe for you now."),
    "held-back-keloid": _(
        "Not a first choice for you: it wounds the skin, and you have raised scars or tend to form them."
    ),
    "held-back-recovery": _("Not a first choice for you: recovery may take up to %(over)s longer than you want."),
    "held-back-pigment": _(
        "Not a first choice for you: in brown and black skin a doctor decides if it is used, and at what settings."
    ),
    "keloid-caution": _("People who form raised (keloid) scars can get new raised scars where the skin is wounded."),
    "keloid-notice": _(
        "You have raised scars, or tend to form them. A dermatologist should plan your treatment. Treatments "
        "that wound the skin can cause new raised scars, so they come lower in the list, with a warning."
    ),
    "pigment-high": _("The risk of dark or light patches is high in brown and black skin (types IV to VI)."),
    "pigment-moderate": _("Some risk of dark or light patches in brown and black skin. %(note)s"),
    "pigment-care": _("In brown and black skin: %(note)s"),
    "pigment-low": _("A low risk of dark or light patches in brown and black skin."),
    "darker-skin-notice": _(
        "Brown and black skin can darken or lighten for months after a treatment that irritates it. "
        "Ask about preparing the skin first, and use a broad-spectrum sunscreen (SPF 30 to 50) every day."
    ),
    "recovery-fits": _("Recovery time (%(range)s) fits within the %(limit)s you can accept."),
    "recovery-none": _("It has no recovery time."),
    "recovery-may-go-over": _(
        "Recovery usually takes %(range)s. That may be up to %(over)s more than the %(limit)s you can accept."
    ),
    "recovery-too-long": _(
        "Recovery usually takes %(range)s. That is at least %(over)s more than the %(limit)s you can accept."
    ),
    "severity-mild-resurfacing": _("For mild scars, a surface treatment such as %(name)s is often enough."),
    "severity-moderate-resurfacing": _(
        "For moderate scars, %(name)s is often combined with a treatment that lifts sunken areas."
    ),
    "severity-moderate-volume": _("For moderate scars, %(name)s is often combined with a surface treatment."),
    "severity-severe-structural": _(
        "For severe scars, steps such as %(name)s that work on each scar itself usually come first."
    ),
    "severity-severe-volume": _("For severe scars, %(name)s often follows the first steps."),
    "evidence-high": _("It is well studied for acne scars (evidence: high)."),
    "evidence-moderate": _("It is one of the better-studied treatments for acne scars (evidence: moderate)."),
    "evidence-low-moderate": _("Some small studies support it (evidence: low to moderate)."),
    "evidence-low": _("Only a few small studies support it (evidence: low)."),
    "evidence-very-low": _(
        "The evidence is very weak (evidence: very low). There are few good studies, so it may not help."
    ),
    "paired-with": _("Only done together with %(other)s afterwards."),
    "paired-ruled-out": _("Only done together with %(other)s, which is ruled out for you."),
    "plan-step": _("%(number)s. %(names)s, %(does)s%(wait)s"),
    "plan-for": _("%(name)s for %(scars)s"),
    "plan-does-structural": _("to work on each scar itself."),
    "plan-does-volume": _("to lift sunken areas."),
    "plan-does-resurfacing": _("to even out the surface."),
    "plan-does-raised": _("to flatten raised scars."),
    "wait-volume": _(" About 2 to 4 weeks after step 1, or sometimes in the same session."),
    "wait-resurfacing": _(" About 4 to 8 weeks after the earlier steps have healed."),
    "wait-alongside": _(" At the same time, as add-ons."),
    "wait-paired": _(" Soon after, as the clinic plans it, because these scars often come back."),
    "plan-end": _("A dermatologist decides the actual plan and its timing. Use sunscreen every day."),
}

# Facts given as numbers of days, written out as words when the sentence is.
DAY_COUNTS = {"limit", "over"}


def sentence(said: Say) -> str:
    """One explanation in the current language."""
    params = dict(said.params)  # a copy: the words below are added for this sentence only
    language = get_language()
    if said.key == "recovery-fits" and params["high"] == 0:
        return _translated("recovery-none", language)
    if "low" in params and "high" in params:
        params["range"] = recovery_words(params["low"], params["high"])
    for name in DAY_COUNTS & params.keys():
        params[name] = days(params[name])
    template = _translated(said.key, language)
    return template % params if params else template


def join_names(names: Iterable[str], *, lower: bool = False) -> str:
    """'A', 'A and B', 'A, B and C' in the current language (its own list separator, such as 、 in Chinese);
    with `lower`, each name starting with a small letter (English names in the middle of a sentence)."""
    *others, last = [name[:1].lower() + name[1:] if lower else name for name in names]
    if not others:
        return last
    return sentence(say("names", names=pgettext("list separator", ", ").join(others), last=last))


@lru_cache(maxsize=1024)
def _translated(key: str, language: str) -> str:
    """A sentence's wording in a language: fixed interface text, so kept once translated (`language` is the
    active one, named so that each language keeps its own)."""
    return str(WORDS[key])
