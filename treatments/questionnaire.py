"""The questionnaire, and the side-by-side comparison of treatments.

Answers are health data: they travel in the query string only, and are never stored, cached or
logged on the server (no session, no cookie, and every answer page tells browsers and proxies never
to store it). The results live in `results.py`.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from . import questions
from .catalogue import current
from .forms import AnswersForm, CompareForm
from .page_cache import cached_page


def _answers_form(request, catalogue):
    return AnswersForm(request.GET, scar_types=catalogue.scar_types, concerns=catalogue.concerns, health_required=True)


def _questionnaire_page(request, form, *, step=None, errors=None, status=200):
    errors = errors or {}
    form.shown_errors = set(errors)
    fragment = bool(step and request.htmx and not request.htmx.history_restore_request)
    response = render(
        request,
        "treatments/questionnaire.html#step" if fragment else "treatments/questionnaire.html",
        questions.page(form, step=step, errors=errors, fragment=fragment),
        status=status,
    )
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_safe
@never_cache
def questionnaire(request: HttpRequest) -> HttpResponse:
    """One question per step (`?step=2`), then a review: plain GET forms that work without JavaScript and
    that htmx swaps in place. `?all=1` shows every question on one form instead.

    The address always names the step shown: a step left without a valid answer comes back at its
    own address, with `current` equal to `step`, which shows its error.
    """
    form = _answers_form(request, current())
    if questions.ALL_QUESTIONS in request.GET:
        return _questionnaire_page(request, form)
    asked = questions.requested_step(request.GET.get("step"))
    if asked is None:
        if form.carried():
            return redirect(questions.step_url(form, questions.first_to_answer(form)))
        asked = 1
    step, errors = questions.shown_step(form, asked, questions.requested_step(request.GET.get("current")))
    address = questions.step_url(form, step, checked=bool(errors) and step <= questions.STEPS)
    if step != asked and not request.htmx:
        return redirect(address)
    response = _questionnaire_page(request, form, step=step, errors=errors)
    if request.htmx and not request.htmx.history_restore_request:
        response["HX-Push-Url"] = address
    return response


@require_safe
@cached_page(lists=["t"])
def compare(request: HttpRequest) -> HttpResponse:
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
