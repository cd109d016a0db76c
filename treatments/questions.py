"""The questionnaire's questions as a patient sees them: each choice with its hint, its scar drawing
or its skin colour swatch. The form (treatments.forms.AnswersForm) only validates the answers."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.forms.boundfield import BoundWidget
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .forms import NO_HEALTH_ANSWER, QUESTIONS, AnswersForm

SEVERITY_HINTS = {
    "mild": _(
        "Hard to notice from a normal talking distance (about an arm's length). Makeup or beard shadow hides them."
    ),
    "moderate": _(
        "Easy to see from a normal talking distance and hard to cover, but they flatten when you gently stretch the skin."
    ),
    "severe": _(
        "Easy to see from a normal talking distance, and they do not flatten when you stretch the skin. "
        "Thick raised scars count here too."
    ),
}
# What each most-days-of-recovery choice means, in the patient's life. The choice itself says the days.
DOWNTIME_HINTS = {
    "0": _("I need to look the same the next day."),
    "2": _("For example a weekend: some redness, swelling or a small bruise."),
    "5": _("A few days of redness, swelling, bruising or flaking."),
    "10": _("Time for scabs, peeling or bruises to settle."),
    "21": _("Three weeks of raw, then pink, healing skin."),
    "60": _("Longer recovery is fine if the treatment needs it."),
}


@dataclass(frozen=True)
class Option:
    """One choice of a question: its radio button or tick box, and what is shown with it."""

    choice: BoundWidget
    hint: str = ""
    scar_type: object = None
    # The skin type a colour swatch shows beside the words; the words alone carry the meaning.
    swatch: int | None = None
    # "None of these": ticking it clears the other boxes.
    clears_others: bool = False


def options(form: AnswersForm, name: str) -> list[Option]:
    """The choices of one question, in order, with their hints, drawings and swatches."""
    field = form[name]
    if name == "scar":
        return [
            Option(choice, scar.summary, scar_type=scar) for choice, scar in zip(field, form.scar_types, strict=True)
        ]
    if name == "skin_type":
        return [Option(choice, swatch=int(choice.data["value"])) for choice in field]
    if name == "health":
        explanations = {concern.slug: concern.explanation for concern in form.concerns}
        return [
            Option(
                choice,
                explanations.get(str(choice.data["value"]), ""),
                clears_others=choice.data["value"] == NO_HEALTH_ANSWER,
            )
            for choice in field
        ]
    hints = {"severity": SEVERITY_HINTS, "downtime": DOWNTIME_HINTS}[name]
    return [Option(choice, hints.get(str(choice.data["value"]), "")) for choice in field]


STEPS = len(QUESTIONS)
REVIEW = STEPS + 1
# `?all=1`: every question on one plain form, for those who prefer it.
ALL_QUESTIONS = "all"


def requested_step(raw: str | None) -> int | None:
    """A step number from the address, kept within 1 and the review; None when there is none."""
    try:
        number = int(raw)
    except (TypeError, ValueError):
        return None
    return min(max(number, 1), REVIEW)


def shown_step(form: AnswersForm, step: int, leaving: int | None) -> tuple[int, dict]:
    """The step to show and the errors to show on it.

    Moving on (or staying, `current` equal to `step`) needs a valid answer to the step being left;
    going back never does. The review shows every missing answer.
    """
    if leaving and leaving <= step and leaving <= STEPS:
        name = QUESTIONS[leaving - 1]
        if name in form.errors:
            return leaving, {name: form.errors[name]}
    return step, (form.errors if step == REVIEW else {})


def first_to_answer(form: AnswersForm) -> int:
    """The first step whose answer is missing or wrong, or the review when every answer is there."""
    return next((number for number, name in enumerate(QUESTIONS, 1) if name in form.errors), REVIEW)


def step_url(form: AnswersForm, step: int, *, checked: bool = False) -> str:
    """The address of a step with the answers given so far; `checked` shows that step's errors."""
    check = [("current", step)] if checked else []
    return f"{reverse('treatments:questionnaire')}?{urlencode([*form.carried(), *check, ('step', step)])}"


def page(form: AnswersForm, *, step: int | None, errors: dict, fragment: bool) -> dict:
    """What the questionnaire template needs: one step, the review, or every question on one form."""
    questions = [
        {"number": number, "field": form[name], "options": options(form, name), "errors": errors.get(name, [])}
        for number, name in enumerate(QUESTIONS, 1)
    ]
    current = questions[step - 1] if step and step <= STEPS else None
    if current:
        title = _("Step %(number)s of %(total)s: %(question)s") % {
            "number": step,
            "total": STEPS,
            "question": current["field"].label,
        }
    elif step:
        title = _("Check your answers")
    else:
        title = _("Questionnaire: options for your acne scars")
    return {
        "form": form,
        "step": step,
        "steps": STEPS,
        "questions": questions,
        "current": current,
        "errors": errors,
        "page_title": _("Error: %(title)s") % {"title": title} if errors else title,
        "fragment": fragment,
        "carried": form.carried(leaving_out=current["field"].name if current else None),
        "summary": [
            {**row, "errors": errors.get(row["name"], []), "url": step_url(form, row["step"])} for row in form.summary()
        ],
        "back_url": step_url(form, STEPS),
        "all_questions_url": f"{reverse('treatments:questionnaire')}?{urlencode([*form.carried(), (ALL_QUESTIONS, 1)])}",
    }
