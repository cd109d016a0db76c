"""The questionnaire, and the side-by-side comparison of treatments.

Answers are health data: they travel in the query string only, and are never stored, cached or
logged on the server (no session, no cookie, and every answer page tells browsers and proxies never
to store it). The results live in `results.py`.
"""

from urllib.parse import urlencode

from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .catalogue import current
from .forms import QUESTIONS, AnswersForm, CompareForm
from .page_cache import cached_page

STEPS = len(QUESTIONS)
REVIEW = STEPS + 1


def _answers_form(request, catalogue):
    return AnswersForm(request.GET, scar_types=catalogue.scar_types, concerns=catalogue.concerns)


def _step(raw):
    try:
        number = int(raw)
    except (TypeError, ValueError):
        return None
    return min(max(number, 1), REVIEW)


def _checked_step(form, step, leaving):
    """Moving forward needs a valid answer to the step being left; going back never does."""
    if leaving and leaving < step and leaving <= STEPS:
        name = QUESTIONS[leaving - 1]
        if name in form.errors:
            return leaving, {name: form.errors[name]}
    return step, (form.errors if step == REVIEW else {})


def _questionnaire_page(request, form, *, step=None, errors=None, status=200):
    errors = errors or {}
    form.shown_errors = set(errors)
    page = reverse("treatments:questionnaire")
    questions = [
        {"number": number, "field": form[name], "options": form.options(name), "errors": errors.get(name, [])}
        for number, name in enumerate(QUESTIONS, 1)
    ]
    current = questions[step - 1] if step and step <= STEPS else None
    fragment = bool(step and request.htmx and not request.htmx.history_restore_request)
    start = REVIEW if form.is_valid() else 1
    response = render(
        request,
        "treatments/questionnaire.html#step" if fragment else "treatments/questionnaire.html",
        {
            "form": form,
            "step": step,
            "steps": STEPS,
            "questions": questions,
            "current": current,
            "errors": errors,
            "focus": fragment,
            "carried": form.carried(leaving_out=current["field"].name if current else None),
            "summary": [
                {**row, "errors": errors.get(row["name"], []), "url": f"{page}?{_with_step(form, row['step'])}"}
                for row in form.summary()
            ],
            "start_url": f"{page}?{_with_step(form, start)}",
            "back_url": f"{page}?{_with_step(form, STEPS)}",
        },
        status=status,
    )
    patch_vary_headers(response, ["HX-Request"])
    return response


def _with_step(form, step):
    return urlencode([*form.carried(), ("step", step)])


@require_GET
@never_cache
def questionnaire(request):
    """All questions as one plain form; with htmx, one question per step (`?step=2`), then a review."""
    form = _answers_form(request, current())
    step, errors = _step(request.GET.get("step")), {}
    if step:
        step, errors = _checked_step(form, step, _step(request.GET.get("current")))
    return _questionnaire_page(request, form, step=step, errors=errors)


@require_GET
@cached_page
def compare(request):
    """Two to four treatments side by side on every fact, or a list to choose them from."""
    catalogue = current()
    treatments = catalogue.treatments
    form = CompareForm(request.GET if "t" in request.GET else None, treatments=treatments)
    chosen, scar_rows = [], []
    if form.is_valid():
        by_slug = {treatment.slug: treatment for treatment in treatments}
        chosen = [by_slug[slug] for slug in form.cleaned_data["t"]]
        fits = {(row.treatment_id, row.scar_type_id): row for treatment in chosen for row in treatment.scar_fits}
        scar_rows = [
            (scar_type, [fits.get((treatment.pk, scar_type.pk)) for treatment in chosen])
            for scar_type in catalogue.scar_types
        ]
    return render(
        request,
        "treatments/compare.html",
        {
            "form": form,
            "chosen": chosen,
            "scar_rows": scar_rows,
            "reviewed_on": max((treatment.reviewed_on for treatment in chosen), default=None),
            "translation_reviewed": all(treatment.translation_reviewed for treatment in chosen),
            "sources": catalogue.sources,
        },
        status=400 if form.is_bound and form.errors else 200,
    )
