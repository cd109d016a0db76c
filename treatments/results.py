"""The results of the questionnaire: HTML for people, JSON for programs (the results contract).

Answers are health data: they travel in the query string only, and are never stored, cached or
logged on the server (no session, no cookie, `Cache-Control: no-store`). The page is rendered by
ordinary templates; only content-only parts of each option are kept, per content version.
"""

from itertools import groupby
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .catalogue import current
from .forms import AnswersForm
from .matching import Candidate, Result, match
from .questionnaire import _questionnaire_page as questionnaire_page
from .templatetags.facts import fits
from .vocabulary import Severity, Shape, SkinType, days
from .wording import join_names

OPTIONS_PER_PAGE = 16


def wants_json(request: HttpRequest) -> bool:
    if request.GET.get("format") == "json":
        return True
    return request.get_preferred_type(["text/html", "application/json"]) == "application/json"


@require_safe
@never_cache
def results(request: HttpRequest) -> HttpResponse:
    """The options to discuss for the answers in the query string."""
    catalogue = current()
    form = AnswersForm(request.GET, scar_types=catalogue.scar_types, concerns=catalogue.concerns)
    as_json = wants_json(request)
    if not form.is_valid():
        if as_json:
            errors = {name: list(messages) for name, messages in form.errors.items()}
            response = JsonResponse({"errors": errors}, status=400)
        else:
            response = questionnaire_page(request, form, errors=form.errors, status=400)
    else:
        result = match(
            answers=form.answers(),
            treatments=catalogue.facts,
            scars=catalogue.scars,
            concerns=catalogue.concern_facts,
        )
        if as_json:
            response = JsonResponse(contract(request, form, result), json_dumps_params={"ensure_ascii": False})
        else:
            response = render(request, "treatments/results.html", page(request, form, result, catalogue))
    patch_vary_headers(response, ["Accept"])
    return response


def contract(request: HttpRequest, form: AnswersForm, result: Result) -> dict:
    """The results contract (docs/results-contract.md), key for key, with a few added keys."""
    return {
        "profile": form.profile(),
        "candidates": [_candidate(request, c) for c in result.candidates],
        "excluded": [
            {"treatment": e.treatment.slug, "name": e.treatment.name, "reasons": e.reasons()} for e in result.excluded
        ],
        "combinations": [
            {
                "treatments": list(plan.treatments),
                "note": plan.note(),
                "steps": [
                    {
                        "treatments": [c.treatment.slug for c in step.candidates],
                        "for": list(step.scars),
                        "wait": step.wait_words(),
                    }
                    for step in plan.steps
                ],
            }
            for plan in result.plans
        ],
        "notices": [notice.text for notice in result.notices],
    }


def _candidate(request: HttpRequest, c: Candidate) -> dict:
    t = c.treatment
    return {
        "treatment": t.slug,
        "name": t.name,
        "fit": c.fit,
        "score": c.score,
        "reasons": c.reasons(),
        "cautions": c.cautions(),
        "downtime_days": [t.downtime_min, t.downtime_max],
        "sessions": [t.sessions_min, t.sessions_max],
        "url": request.build_absolute_uri(t.url),
        "aftercare_url": request.build_absolute_uri(t.aftercare_url),
        "group": c.group,
        "fits": [{"scar": label.scar, "fit": label.fit} for label in c.labels],
        "evidence": t.evidence,
        "over_limit_days": c.over_limit_days,
        "ask_doctor": c.ask_doctor,
    }


def page(request: HttpRequest, form: AnswersForm, result: Result, catalogue) -> dict:
    """What the results template shows: the options on this page with their sentences, the plans,
    the notices, and the ruled-out options grouped by reason."""
    options = Paginator(result.candidates, OPTIONS_PER_PAGE).get_page(request.GET.get("page"))
    rows = catalogue.by_slug
    shown = [
        {
            "candidate": c,
            "treatment": rows[c.treatment.slug],
            "fits": fits(c),
            "reasons": c.reasons(),
            "cautions": c.cautions(),
        }
        for c in options.object_list
    ]
    both = len({c.group for c in result.candidates}) > 1
    for number, option in enumerate(shown, options.start_index()):
        option["number"] = number
    groups = [
        {"shape": shape, "options": list(items)}
        for shape, items in groupby(shown, key=lambda option: option["candidate"].group)
    ]
    return {
        "form": form,
        "answers_line": answers_line(form, catalogue),
        "query": form.query(),
        # No health answer at all ("None of these" is one): the results read it as none, and say so.
        "health_unanswered": "health" not in request.GET,
        "options": options,
        "shown": shown,
        "groups": groups,
        "today": timezone.localdate(),
        "grouped": both,
        "shapes": Shape,
        "plans": result.plans,
        "warnings": [n for n in result.notices if n.warning],
        "notices": [n for n in result.notices if not n.warning],
        "ruled_out": ruled_out(result),
        "limit": form.cleaned_data["downtime"],
        "sources": catalogue.sources,
        "marks_page": next((s for s in catalogue.scar_types if s.shape == Shape.FLAT), None)
        if result.patient.has_marks
        else None,
        "version": catalogue.version,
        "compare_url": _shortlist_url("treatments:compare", result) if len(result.candidates) > 1 else "",
        "plan_url": _shortlist_url("treatments:plan_side_by_side", result),
        "share_url": request.build_absolute_uri(f"{request.path}?{form.query()}"),
        **catalogue.review,
    }


def _shortlist_url(name: str, result: Result) -> str:
    """The top options compared or planned side by side: their slugs only, nothing the patient answered."""
    return f"{reverse(name)}?{urlencode([('t', c.treatment.slug) for c in result.candidates[:4]])}"


def answers_line(form: AnswersForm, catalogue) -> list[str]:
    """The answers in a few words each, for the line above the options."""
    data = form.cleaned_data
    limit = data["downtime"]
    return [
        join_names(s.name for s in catalogue.scar_types if s.slug in data["scar"]),
        _("%(severity)s scars") % {"severity": Severity(data["severity"]).label},
        _("skin type %(type)s") % {"type": SkinType(data["skin_type"]).name},
        _("up to %(days)s of recovery") % {"days": days(limit)} if limit else _("no recovery time"),
        *[c.name for c in catalogue.concerns if c.slug in data["health"]],
    ]


RULED_OUT_ORDER = ("marks", "health", "pigment", "recovery", "paired", "scar")


def ruled_out(result: Result) -> list[dict]:
    """Ruled-out options grouped by reason, each reason once with the options it rules out (their
    names and addresses as the catalogue keeps them for this content version)."""
    groups: dict[str, dict] = {}
    for entry in result.excluded:
        for kind in dict.fromkeys(said.kind for said in entry.why):
            if kind not in groups:
                groups[kind] = {"kind": kind, "heading": _heading(kind, result), "entries": []}
            groups[kind]["entries"].append(entry.treatment)
    return sorted(
        groups.values(), key=lambda group: (RULED_OUT_ORDER.index(group["kind"].split(":")[0]), group["kind"])
    )


def _heading(kind: str, result: Result) -> str:
    if kind.startswith("health:"):
        concern = result.patient.concerns.get(kind.removeprefix("health:"))
        return concern.name if concern and concern.name else kind.removeprefix("health:")
    return {
        "marks": _("Flat marks are not scars"),
        "scar": _("Not used for the kinds of scar you chose"),
        "pigment": _("A high risk of dark or light patches in brown and black skin"),
        "recovery": _("Recovery takes longer than you can accept"),
        "paired": _("Only done together with a treatment that is ruled out for you"),
    }[kind]
