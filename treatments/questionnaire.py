"""The questionnaire and what comes of it: the results (HTML and JSON) and the side-by-side comparison.

Answers are health data: they travel in the query string only, and are never stored, cached or
logged on the server (no session, no cookie, and every answer page tells browsers and proxies never
to store it). To stay fast, the server caches the content the answers are matched against, per
content version: rows staff edit, never anything a patient sent.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import questions, results_page
from .forms import AnswersForm, CompareForm
from .matching import Concern, Fit, Rule, TreatmentFacts, match
from .models import Contraindication, ScarType, Source, Suitability, Treatment, TreatmentContraindication
from .page_cache import PAGE_TIMEOUT, cached_page, content_version


@dataclass(frozen=True)
class Content:
    """What the questionnaire asks and matches against, and the results page rendered around it: published
    content rows only, nothing from a patient."""

    scar_types: list
    concerns: list
    treatments: list
    facts: tuple
    concern_facts: tuple
    sources: list
    results_page: results_page.Pieces


# This process's copy of the content for the version it last saw: unpickling thousands of rows from
# the cache on every request would cost more than the matching.
_in_process = {}


def _content():
    """The content, from the cache under the current content version, or read in a fixed number of queries."""
    global _in_process
    key = f"questionnaire-content:{content_version()}:{get_language()}"
    content = _in_process.get(key)
    if content is not None:
        return content
    content = cache.get(key)
    if content is None:
        treatments = _catalogue()
        sources = list(Source.objects.overview())
        concerns = list(Contraindication.objects.all())
        content = Content(
            scar_types=list(ScarType.objects.published()),
            concerns=concerns,
            treatments=treatments,
            facts=tuple(
                _facts(treatment, hard_stops=[c for c in concerns if c.rules_out_all]) for treatment in treatments
            ),
            concern_facts=tuple(Concern(slug=concern.slug, notice=concern.notice) for concern in concerns),
            sources=sources,
            results_page=results_page.pieces(
                treatments,
                reviewed_on=max((treatment.reviewed_on for treatment in treatments), default=None),
                sources=sources,
            ),
        )
        cache.set(key, content, PAGE_TIMEOUT)
    # Swapped whole, never cleared in place, so a thread reading it never sees it half-changed.
    _in_process = {key: content}
    return content


def _answers_form(request, content):
    return AnswersForm(request.GET, scar_types=content.scar_types, concerns=content.concerns)


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


@require_GET
@never_cache
def questionnaire(request: HttpRequest) -> HttpResponse:
    """One question per step (`?step=2`), then a review: plain GET forms that work without JavaScript and
    that htmx swaps in place. `?all=1` shows every question on one form instead.

    The address always names the step shown: a step left without a valid answer comes back at its
    own address, with `current` equal to `step`, which shows its error.
    """
    form = _answers_form(request, _content())
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


def _wants_json(request):
    if request.GET.get("format") == "json":
        return True
    return request.get_preferred_type(["text/html", "application/json"]) == "application/json"


def _catalogue():
    """Every published treatment with its suitability and health rows, in a fixed number of queries."""
    return list(
        Treatment.objects.published().prefetch_related(
            Prefetch(
                "suitabilities",
                Suitability.objects.filter(scar_type__published=True).select_related("scar_type"),
                to_attr="scar_fits",
            ),
            Prefetch(
                "contraindication_rules",
                TreatmentContraindication.objects.select_related("contraindication"),
                to_attr="health_rules",
            ),
        )
    )


def _facts(treatment, *, hard_stops=()):
    """A treatment's facts for matching. A hard-stop question (pregnancy, active acne) rules out a
    treatment that has no row of its own for it, so a treatment added in admin cannot slip past the
    gate (clinical-reference.md section 8, gate rules 1 and 2)."""
    own = {rule.contraindication.slug for rule in treatment.health_rules}
    implied = tuple(
        Rule(concern=concern.slug, action="avoid", note=concern.notice or concern.name)
        for concern in hard_stops
        if concern.slug not in own
    )
    return TreatmentFacts(
        slug=treatment.slug,
        name=treatment.name,
        role=treatment.role,
        category=treatment.category,
        downtime_min=treatment.downtime_min_days,
        downtime_max=treatment.downtime_max_days,
        sessions_min=treatment.sessions_min,
        sessions_max=treatment.sessions_max,
        pain=treatment.pain,
        pigment_risk=treatment.pigment_risk,
        pigment_note=treatment.pigment_note,
        evidence=treatment.evidence,
        url=treatment.get_absolute_url(),
        aftercare_url=treatment.get_aftercare_url(),
        fits=tuple(
            Fit(scar=row.scar_type.slug, scar_name=row.scar_type.name, fit=row.fit, reason=row.reason)
            for row in treatment.scar_fits
        ),
        rules=tuple(
            Rule(concern=rule.contraindication.slug, action=rule.action, note=rule.note)
            for rule in treatment.health_rules
        )
        + implied,
    )


def _contract(request, form, result):
    """The results contract of DESIGN.md, key for key."""
    return {
        "profile": form.profile(),
        "candidates": [
            {
                "treatment": c.treatment.slug,
                "name": c.treatment.name,
                "fit": c.fit,
                "score": c.score,
                "reasons": list(c.reasons),
                "cautions": list(c.cautions),
                "downtime_days": [c.treatment.downtime_min, c.treatment.downtime_max],
                "sessions": [c.treatment.sessions_min, c.treatment.sessions_max],
                "url": request.build_absolute_uri(c.treatment.url),
                "aftercare_url": request.build_absolute_uri(c.treatment.aftercare_url),
            }
            for c in result.candidates
        ],
        "excluded": [
            {"treatment": e.treatment.slug, "name": e.treatment.name, "reasons": list(e.reasons)}
            for e in result.excluded
        ],
        "combinations": [{"treatments": list(c.treatments), "note": c.note} for c in result.combinations],
        "notices": list(result.notices),
    }


@require_GET
@never_cache
def results(request):
    """The options to discuss for the answers in the query string: HTML for people, JSON for programs."""
    content = _content()
    form = _answers_form(request, content)
    as_json = _wants_json(request)
    if not form.is_valid():
        if as_json:
            response = JsonResponse(
                {"errors": {name: list(errors) for name, errors in form.errors.items()}}, status=400
            )
        else:
            response = _questionnaire_page(request, form, errors=form.errors, status=400)
    else:
        result = match(form.answers(), content.facts, content.concern_facts)
        if as_json:
            response = JsonResponse(_contract(request, form, result))
        else:
            response = results_page.render(request, form, result, content.results_page)
    patch_vary_headers(response, ["Accept"])
    return response


@require_GET
@cached_page
def compare(request):
    """Two to four treatments side by side on every fact, or a list to choose them from."""
    content = _content()
    # Overview pages introduce a family; their kinds are what can be compared.
    treatments = [treatment for treatment in content.treatments if not treatment.is_overview]
    form = CompareForm(request.GET if "t" in request.GET else None, treatments=treatments)
    chosen, scar_rows = [], []
    if form.is_valid():
        by_slug = {treatment.slug: treatment for treatment in treatments}
        chosen = [by_slug[slug] for slug in form.cleaned_data["t"]]
        fits = {(row.treatment_id, row.scar_type_id): row for treatment in chosen for row in treatment.scar_fits}
        scar_rows = [
            (scar_type, [fits.get((treatment.pk, scar_type.pk)) for treatment in chosen])
            for scar_type in content.scar_types
        ]
    return render(
        request,
        "treatments/compare.html",
        {
            "form": form,
            "chosen": chosen,
            "scar_rows": scar_rows,
            "reviewed_on": max((treatment.reviewed_on for treatment in chosen), default=None),
            "sources": content.sources,
        },
        status=400 if form.is_bound and form.errors else 200,
    )
