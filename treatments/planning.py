"""Plan around a date: one treatment's course as dates, several side by side, and the calendar file.

The dates are health data, like the questionnaire's answers: they travel in the query string only,
are never stored, cached on the server or logged (the log filter in scarguide.security drops query
strings), and every response tells browsers and proxies not to keep it (`Cache-Control: no-store`).
The arithmetic is in planner.py; these views read the treatments, validate the dates and render.
"""

from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from . import planner
from .models import AftercareStep, Source, Treatment
from .plan_calendar import Links, calendar_file
from .plan_forms import PlanForm, SideBySidePlanForm


def course_facts(treatment: Treatment) -> planner.CourseFacts:
    """A treatment row and its aftercare steps as the planner's input."""
    return planner.CourseFacts(
        slug=treatment.slug,
        name=treatment.name,
        sessions_min=treatment.sessions_min,
        sessions_max=treatment.sessions_max,
        interval_min_weeks=treatment.interval_min_weeks,
        interval_max_weeks=treatment.interval_max_weeks,
        downtime_min_days=treatment.downtime_min_days,
        downtime_max_days=treatment.downtime_max_days,
        results_timeline=treatment.results_timeline,
        aftercare=tuple(
            planner.AftercareFacts(
                day_from=step.day_from,
                day_to=step.day_to,
                label=str(step.label),
                todo=tuple(step.todo_points),
                watch_for=tuple(step.watch_points),
            )
            for step in treatment.aftercare_steps.all()
        ),
    )


def _with_aftercare(treatments):
    return treatments.prefetch_related(
        Prefetch("aftercare_steps", AftercareStep.objects.order_by("day_from", "day_to"))
    )


def _dates_query(form) -> str:
    """Only the validated dates, for links: never anything else the address carried."""
    data = form.cleaned_data
    return urlencode([(name, data[name].isoformat()) for name in ("date", "start") if data.get(name)])


def _plan_or_none(course, *, start, target, soonest):
    try:
        return planner.plan(course, start=start, target=target, soonest=soonest), False
    except planner.CourseTooLong:
        return None, True


def _varies_with_htmx(response: HttpResponse) -> HttpResponse:
    patch_vary_headers(response, ["HX-Request"])
    return response


def _one(request: HttpRequest, slug: str, data):
    treatment = get_object_or_404(
        _with_aftercare(Treatment.objects.visible_to(request.user).filter(is_overview=False)).prefetch_related(
            "sources"
        ),
        slug=slug,
    )
    course, today = course_facts(treatment), timezone.localdate()
    form = PlanForm(data, today=today, course=course)
    plan, too_long = None, False
    if form.is_bound and form.is_valid():
        plan, too_long = _plan_or_none(
            course, start=form.cleaned_data["start"], target=form.cleaned_data["date"], soonest=form.soonest
        )
    return treatment, course, form, plan, too_long


def _plan_page(request: HttpRequest, slug: str, data, *, status=None) -> HttpResponse:
    treatment, course, form, plan, too_long = _one(request, slug, data)
    fragment = bool(request.htmx and not request.htmx.history_restore_request)
    query = _dates_query(form) if plan else ""
    return _varies_with_htmx(
        render(
            request,
            "treatments/plan.html#planner" if fragment else "treatments/plan.html",
            {
                "treatment": treatment,
                "translation_reviewed": treatment.translation_reviewed,
                "course": course,
                "form": form,
                "plan": plan,
                "too_long": too_long,
                "soonest": form.soonest,
                "chosen_start": plan and form.cleaned_data["start"],
                "focus": fragment,
                "calendar_url": f"{reverse('treatments:plan_calendar', args=[slug])}?{query}" if plan else "",
                "side_by_side_url": f"{reverse('treatments:plan_side_by_side')}?t={slug}&{query}" if plan else "",
            },
            status=status or (400 if form.errors else 200),
        )
    )


@require_safe
@never_cache
def plan_page(request: HttpRequest, slug: str) -> HttpResponse:
    """One treatment's course as dates: a plain GET form, and with htmx the plan updates in place."""
    return _plan_page(request, slug, request.GET)


@require_safe
@never_cache
def plan_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    """The plan as an .ics file; without valid dates, the planner page with its message and a 400."""
    data = request.GET.copy()
    for name in ("date", "start"):
        data.setdefault(name, "")
    treatment, course, form, plan, too_long = _one(request, slug, data)
    if plan is None:
        return _plan_page(request, slug, data, status=400)
    links = Links(
        treatment=request.build_absolute_uri(treatment.get_absolute_url()),
        aftercare=request.build_absolute_uri(treatment.get_aftercare_url()),
    )
    body = calendar_file(
        plan, links=links, zone=ZoneInfo(settings.TIME_ZONE), stamp=timezone.now(), site_name=settings.SITE_NAME
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    # The name says which treatment, never a date or an answer.
    response["Content-Disposition"] = f'attachment; filename="{treatment.slug}-plan.ics"'
    return response


@require_safe
@never_cache
def plan_side_by_side(request: HttpRequest) -> HttpResponse:
    """Up to four treatments planned against the same dates, on one timeline."""
    today = timezone.localdate()
    published = Treatment.objects.visible_to(request.user).filter(is_overview=False)
    form = SideBySidePlanForm(request.GET, today=today, treatments=published.only("slug", "name"))
    rows, start, target = [], form.soonest, None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        start, target = data["start"] or form.soonest, data["date"]
        by_slug = {t.slug: t for t in _with_aftercare(published.filter(slug__in=data["t"]))}
        for slug in data["t"]:
            course = course_facts(by_slug[slug])
            plan, too_long = (None, False)
            if form.asked:
                plan, too_long = _plan_or_none(course, start=start, target=target, soonest=form.soonest)
            rows.append({"treatment": by_slug[slug], "course": course, "plan": plan, "too_long": too_long})
    query = _dates_query(form) if rows else ""
    for row in rows:
        row["url"] = f"{reverse('treatments:plan', args=[row['treatment'].slug])}?{query}"
    fragment = bool(request.htmx and not request.htmx.history_restore_request)
    return _varies_with_htmx(
        render(
            request,
            "treatments/plan_side_by_side.html#planner" if fragment else "treatments/plan_side_by_side.html",
            {
                "form": form,
                "rows": rows,
                "start": start,
                "target": target,
                "soonest": form.soonest,
                "chosen_start": form.is_bound and not form.errors and form.cleaned_data.get("start"),
                "scale": _scale(rows, start, target),
                "focus": fragment,
                "reviewed_on": max((row["treatment"].reviewed_on for row in rows), default=None),
                "translation_reviewed": all(row["treatment"].translation_reviewed for row in rows),
                "sources": Source.objects.overview(),
            },
            status=400 if form.errors else 200,
        )
    )


def _scale(rows, start, target) -> int:
    """Days the shared timeline covers: to the later of the patient's date and the end of the longest plan."""
    ends = [(row["plan"].last.clear_on - start).days for row in rows if row["plan"]]
    if target:
        ends.append((target - start).days)
    return max([7, *ends]) + 7
