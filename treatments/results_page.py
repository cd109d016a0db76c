"""The results page, put together per request without keeping anything a patient sent.

Whatever depends only on the content (the page around the matches; each treatment's card, print
row and links) is rendered from templates/treatments/results.html once per content version, with
a marker where each answer-dependent part goes. A request only escapes its own answers, reasons
and cautions into those markers, and keeps nothing once the response is sent: rendering the whole
template per request cost tens of milliseconds, more with a large catalogue.
"""

import re
from dataclasses import dataclass
from itertools import cycle

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import resolve, reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import ngettext

TEMPLATE = "treatments/results.html"
# Template output never holds a NUL (form fields refuse them), so it marks the slots.
MARK = "\x00"
INDENTATION = re.compile(r"\n\s+")
# As on the treatment list: a catalogue with hundreds of options gets them in pages.
PAGE_SIZE = 24
FITS = ("first-line", "second-line")


class Fragment:
    """One part of the template rendered once, with a marker per slot; `fill` puts HTML into the slots."""

    def __init__(self, partial="", context=None, slots=(), request=None):
        markers = {slot: mark_safe(f"{MARK}{slot}{MARK}") for slot in slots}
        name = f"{TEMPLATE}#{partial}" if partial else TEMPLATE
        html = render_to_string(name, {**(context or {}), **markers}, request)
        # The template's indentation is for people; every byte left out is one less to compress per request.
        self.parts = INDENTATION.sub("\n", html).split(MARK)

    def fill(self, **html):
        # Even parts are the template's own HTML, odd ones the names of the slots between them.
        return "".join([html[part] if slot else part for slot, part in zip(cycle((False, True)), self.parts)])


@dataclass(frozen=True)
class Pieces:
    """The results page's answer-independent HTML for one content version."""

    page: Fragment
    answers: dict
    summary_row: Fragment
    notices: Fragment
    notice: Fragment
    options: dict
    item: Fragment
    cards: dict
    rows: dict
    shortlist: Fragment
    shortlist_none: str
    shortlist_ruled_out: Fragment
    plans: Fragment
    plan: Fragment
    steps: dict
    ruled_out: Fragment
    ruled_out_items: dict
    names: dict
    questionnaire_url: str
    results_url: str
    compare_url: str
    plan_url: str


def pieces(treatments, *, reviewed_on, sources):
    """Render every answer-independent part, for every treatment and either fit, in one go.

    All of them, not only those a request has needed, so that what is kept says nothing about what
    anybody asked.
    """
    per_fit = [(treatment, fit) for treatment in treatments for fit in FITS]
    return Pieces(
        page=Fragment(context={"reviewed_on": reviewed_on, "sources": sources}, slots=["matches"], request=_blank()),
        answers={
            bool(compare): Fragment(
                "answers", {"compare_url": compare, "plan_url": plan}, ["summary", "change_url", "share_url"]
            )
            for compare, plan in (("", ""), (mark_safe(f"{MARK}compare_url{MARK}"), mark_safe(f"{MARK}plan_url{MARK}")))
        },
        summary_row=Fragment("summary-row", slots=["question", "answer"]),
        notices=Fragment("notices", slots=["items"]),
        notice=Fragment("notice", slots=["text"]),
        options={any_: Fragment("options", {"any": any_}, ["heading", "start", "items", "pager"]) for any_ in (1, 0)},
        item=Fragment("item", slots=["text"]),
        cards={
            (t.slug, fit): Fragment("option", {"treatment": t, "fit": fit}, ["reasons", "cautions"])
            for t, fit in per_fit
        },
        rows={(t.slug, fit): _html("shortlist-row", treatment=t, fit=fit) for t, fit in per_fit},
        shortlist=Fragment("shortlist", slots=["rows", "ruled_out"]),
        shortlist_none=_html("shortlist-none"),
        shortlist_ruled_out=Fragment("shortlist-ruled-out", slots=["names"]),
        plans=Fragment("plans", slots=["plans"]),
        plan=Fragment("plan", slots=["steps", "note"]),
        steps={t.slug: _html("plan-step", treatment=t) for t in treatments},
        ruled_out=Fragment("ruled-out", slots=["items"]),
        ruled_out_items={t.slug: Fragment("ruled-out-item", {"treatment": t}, ["reasons"]) for t in treatments},
        names={t.slug: escape(t.name) for t in treatments},
        questionnaire_url=reverse("treatments:questionnaire"),
        results_url=reverse("treatments:results"),
        compare_url=reverse("treatments:compare"),
        plan_url=reverse("treatments:plan_side_by_side"),
    )


def _html(partial, **context):
    return render_to_string(f"{TEMPLATE}#{partial}", context)


def _blank():
    """A request with no query string, for the site header: the kept page holds nothing from a patient."""
    request = HttpRequest()
    request.path = request.path_info = reverse("treatments:results")
    request.resolver_match = resolve(request.path)
    return request


def render(request, form, result, kept):
    """The whole results page for one request's answers, from the kept pieces."""
    query = form.query()
    shortlist = "&amp;".join(f"t={candidate.treatment.slug}" for candidate in result.candidates[:4])
    answers = kept.answers[len(result.candidates) > 1].fill(
        summary="".join(
            kept.summary_row.fill(question=escape(str(row["question"])), answer=escape(str(row["answer"])))
            for row in form.summary()
        ),
        change_url=escape(f"{kept.questionnaire_url}?{query}"),
        share_url=escape(request.build_absolute_uri(f"{kept.results_url}?{query}")),
        compare_url=f"{kept.compare_url}?{shortlist}",
        # The shortlist's slugs only: the answers never leave the results page in a link.
        plan_url=f"{kept.plan_url}?{shortlist}",
    )
    number, shown = _page_of(request, result.candidates)
    items = _Items(kept.item)
    parts = [answers]
    if result.notices:
        parts.append(kept.notices.fill(items="".join(kept.notice.fill(text=escape(text)) for text in result.notices)))
    parts.append(_options(request, kept, items, result.candidates, number, shown))
    parts.append(_shortlist(kept, result, shown))
    if result.combinations:
        plans = (
            kept.plan.fill(steps="".join(kept.steps[slug] for slug in plan.treatments), note=escape(plan.note))
            for plan in result.combinations
        )
        parts.append(kept.plans.fill(plans="".join(plans)))
    if result.excluded:
        ruled_out = (
            kept.ruled_out_items[entry.treatment.slug].fill(reasons=items(entry.reasons)) for entry in result.excluded
        )
        parts.append(kept.ruled_out.fill(items="".join(ruled_out)))
    return HttpResponse(kept.page.fill(matches="".join(parts)))


def _page_of(request, candidates):
    pages = max(1, -(-len(candidates) // PAGE_SIZE))
    raw = request.GET.get("page", "")
    number = min(int(raw), pages) if raw.isascii() and raw.isdigit() and 0 < len(raw) < 5 and int(raw) else 1
    return number, candidates[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]


def _options(request, kept, items, candidates, number, shown):
    count = len(candidates)
    heading = ngettext("%(counter)s option to discuss", "%(counter)s options to discuss", count) % {"counter": count}
    cards = (
        kept.cards[candidate.treatment.slug, candidate.fit].fill(
            reasons=items(candidate.reasons), cautions=items(candidate.cautions)
        )
        for candidate in shown
    )
    return kept.options[bool(candidates)].fill(
        heading=escape(heading),
        start=f' start="{(number - 1) * PAGE_SIZE + 1}"' if number > 1 else "",
        items="".join(cards),
        pager=_pager(request, number, count) if count > PAGE_SIZE else "",
    )


def _pager(request, number, count):
    total = -(-count // PAGE_SIZE)
    query = request.GET.copy()

    def url(page):
        query["page"] = page
        return f"?{query.urlencode()}"

    return render_to_string(
        f"{TEMPLATE}#pager",
        {
            "number": number,
            "total": total,
            "previous_url": url(number - 1) if number > 1 else "",
            "next_url": url(number + 1) if number < total else "",
        },
    )


def _shortlist(kept, result, shown):
    rows = "".join(kept.rows[candidate.treatment.slug, candidate.fit] for candidate in shown)
    names = ", ".join(kept.names[entry.treatment.slug] for entry in result.excluded)
    return kept.shortlist.fill(
        rows=rows or kept.shortlist_none,
        ruled_out=kept.shortlist_ruled_out.fill(names=names) if names else "",
    )


class _Items:
    """Reasons and cautions as list items; one request's memo, since many treatments share a sentence."""

    def __init__(self, item):
        self.item, self.seen = item, {}

    def __call__(self, texts):
        html = []
        for text in texts:
            if text not in self.seen:
                self.seen[text] = self.item.fill(text=escape(text))
            html.append(self.seen[text])
        return "".join(html)
