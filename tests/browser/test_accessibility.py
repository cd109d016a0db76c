"""Every public page type passes axe-core (WCAG 2.0-2.2 A and AA, best practices) in light and dark,
works with the keyboard alone, and keeps still when the patient asks for reduced motion."""

import pytest

from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    assert_keyboard_reachable,
    axe_violations,
    moving_parts,
    url,
)

pytestmark = pytest.mark.browser

# (URL name, arguments, query string): one of each page type and state a patient can reach.
PAGES = [
    pytest.param(("treatments:home", (), ""), id="home"),
    pytest.param(("treatments:scar_list", (), ""), id="scar-list"),
    pytest.param(("treatments:scar_detail", ("rolling",), ""), id="scar-detail"),
    pytest.param(("treatments:treatment_list", (), ""), id="treatment-list"),
    pytest.param(("treatments:treatment_list", (), "scar=boxcar&downtime=7&pain=2"), id="treatment-list-filtered"),
    pytest.param(("treatments:treatment_list", (), "scar=hypertrophic&downtime=0&pain=1"), id="treatment-list-empty"),
    pytest.param(("treatments:treatment_list", (), "scar=nose&downtime=soon"), id="treatment-list-error"),
    pytest.param(("treatments:treatment_detail", ("laser-resurfacing",), ""), id="treatment-detail"),
    pytest.param(("treatments:aftercare", ("subcision",), ""), id="aftercare"),
]


def address(target):
    name, args, query = target
    return url(name, *args, query=query)


@pytest.mark.parametrize("target", [*PAGES, pytest.param(None, id="not-found")])
def test_page_has_no_axe_violations_at_both_widths_in_light_and_dark(page, axe, target):
    path = address(target) if target else "/no-such-page/"
    page.goto(path)
    failures = []
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        for scheme in ("light", "dark"):
            page.emulate_media(color_scheme=scheme)
            failures += axe_violations(axe, page, f"{path} at {viewport['width']}px, {scheme}")
    if failures:
        pytest.fail("\n".join(failures), pytrace=False)


@pytest.mark.parametrize("target", PAGES)
def test_every_control_is_reached_by_tab_with_visible_focus(page, target):
    page.goto(address(target))
    assert_keyboard_reachable(page, address(target))


def test_skip_link_moves_focus_to_the_main_content(page):
    page.goto(url("treatments:treatment_detail", "subcision"))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('skip-link')")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize("target", PAGES[:4])
def test_nothing_moves_when_the_patient_prefers_reduced_motion(page, target):
    page.emulate_media(reduced_motion="reduce")
    page.goto(address(target))
    page.keyboard.press("Tab")
    assert moving_parts(page) == {"running": 0, "scroll": "auto", "moving": []}
