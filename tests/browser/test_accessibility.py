"""Every public page type, state and questionnaire step passes axe-core (WCAG 2.0-2.2 A and AA, best
practices) at both widths in light and dark, works with the keyboard alone, and keeps still when the
patient asks for reduced motion."""

from datetime import date, timedelta

import pytest

from tests.browser.conftest import DESKTOP, PHONE, assert_keyboard_reachable, axe_violations, moving_parts, url

pytestmark = pytest.mark.browser

ANSWERS = "scar=rolling&scar=boxcar&severity=moderate&skin_type=4&downtime=5"
NO_JS = "without htmx"

# (URL name, arguments, query string): every page type and state a patient can reach, in groups
# that each share one seeded database (seeding per page would make the suite too slow).
CATALOGUE = [
    ("treatments:home", (), ""),
    ("treatments:scar_list", (), ""),
    ("treatments:scar_detail", ("rolling",), ""),
    ("treatments:treatment_list", (), ""),
    ("treatments:treatment_list", (), "scar=boxcar&downtime=7&pain=2"),
    ("treatments:treatment_list", (), "scar=hypertrophic&downtime=0&pain=1"),
    ("treatments:treatment_list", (), "scar=nose&downtime=soon"),
    ("treatments:treatment_detail", ("laser-resurfacing",), ""),
    ("treatments:aftercare", ("subcision",), ""),
    ("privacy", (), ""),
    None,
]
QUESTIONNAIRE = [
    ("treatments:questionnaire", (), NO_JS),
    ("treatments:questionnaire", (), "step=1"),
    ("treatments:questionnaire", (), "current=1&step=2"),
    ("treatments:questionnaire", (), "all=1"),
    (
        "treatments:questionnaire",
        (),
        "step=5&scar=rolling&severity=mild&skin_type=6&downtime=0&health=none&health=pregnant&current=5",
    ),
    ("treatments:questionnaire", (), "step=2&scar=rolling"),
    ("treatments:questionnaire", (), "step=3&scar=rolling&severity=mild"),
    ("treatments:questionnaire", (), "step=4&scar=rolling&severity=mild&skin_type=6"),
    ("treatments:questionnaire", (), "step=5&scar=rolling&severity=mild&skin_type=6&downtime=0"),
    ("treatments:questionnaire", (), f"step=6&{ANSWERS}&health=cold-sores"),
    ("treatments:questionnaire", (), "step=6&scar=rolling"),
]
RESULTS = [
    ("treatments:results", (), f"{ANSWERS}&health=isotretinoin"),
    ("treatments:results", (), "scar=hypertrophic&severity=severe&skin_type=6&downtime=0&health=pregnant"),
    ("treatments:results", (), "scar=nose&downtime=soon"),
    ("treatments:compare", (), "t=microneedling&t=subcision&t=dermal-fillers"),
    ("treatments:compare", (), "t=microneedling&t=subcision&t=dermal-fillers&t=botulinum-toxin"),
    ("treatments:compare", (), ""),
    ("treatments:compare", (), "t=microneedling"),
]

IN_300_DAYS, LAST_WEEK = (
    (date.today() + timedelta(days=300)).isoformat(),
    (date.today() - timedelta(days=7)).isoformat(),
)
PLANNER = [
    ("treatments:plan", ("subcision",), ""),
    ("treatments:plan", ("microneedling",), f"date={IN_300_DAYS}"),
    ("treatments:plan", ("steroid-injection",), f"date={LAST_WEEK}"),
    ("treatments:plan_side_by_side", (), "t=microneedling&t=subcision&t=dermal-fillers&t=steroid-injection"),
    (
        "treatments:plan_side_by_side",
        (),
        f"t=microneedling&t=subcision&t=tca-cross&t=botulinum-toxin&date={IN_300_DAYS}",
    ),
    ("treatments:plan_side_by_side", (), f"t=no-such-treatment&date={IN_300_DAYS}"),
]


def open_page(page, target):
    if target is None:
        path = "/no-such-page/"
    else:
        name, args, query = target
        if query == NO_JS:
            # What a browser without JavaScript gets: the questionnaire as one plain form.
            page.route("**/htmx.min.js", lambda route: route.abort())
            query = ""
        path = url(name, *args, query=query)
    page.goto(path)
    return path


def problems(page, axe, target):
    """axe at both widths in light and dark, Tab through every control, and no motion when asked."""
    path = open_page(page, target)
    page.set_viewport_size(DESKTOP)
    page.emulate_media(reduced_motion="reduce", color_scheme="light")
    found = []
    try:
        assert_keyboard_reachable(page, path)
    except AssertionError as failure:
        found.append(str(failure).splitlines()[0])
    if (motion := moving_parts(page)) != {"running": 0, "scroll": "auto", "moving": []}:
        found.append(f"{path} moves although the patient asked for reduced motion: {motion}")
    # Colours are checked in both schemes; the layout at both widths (phone and desktop differ in layout, not colour).
    for viewport, scheme in ((DESKTOP, "light"), (DESKTOP, "dark"), (PHONE, "light")):
        page.set_viewport_size(viewport)
        page.emulate_media(color_scheme=scheme)
        found += axe_violations(axe, page, f"{path} at {viewport['width']}px, {scheme}")
    page.unroute_all()
    return found


@pytest.mark.parametrize(
    "targets",
    [
        pytest.param(CATALOGUE, id="catalogue-privacy-404"),
        pytest.param(QUESTIONNAIRE, id="questionnaire-every-step-and-error"),
        pytest.param(RESULTS, id="results-and-compare"),
        pytest.param(PLANNER, id="planner-and-side-by-side"),
    ],
)
def test_every_page_passes_axe_and_keyboard_checks_and_keeps_still(page, axe, targets):
    failures = [line for target in targets for line in problems(page, axe, target)]
    if failures:
        pytest.fail("\n".join(failures), pytrace=False)


def test_skip_link_moves_focus_to_the_main_content(page):
    page.goto(url("treatments:treatment_detail", "subcision"))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('skip-link')")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
