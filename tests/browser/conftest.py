"""Real-browser tests: Debian's Chromium driven by Playwright against Django's live server.

`make test` installs Chromium and axe-core when they are missing. A missing browser fails the run
loudly: these tests never skip, so CI cannot pass without them.
"""

import json
import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("SCARGUIDE_CHROMIUM", "/usr/bin/chromium"))
AXE_SOURCE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "screenshots"

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
VIEWPORTS = [pytest.param(PHONE, id="phone"), pytest.param(DESKTOP, id="desktop")]

# WCAG 2.0, 2.1 and 2.2 at levels A and AA, plus axe's best practices.
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
    "resultTypes": ["violations"],
}
# Sub-resources a page must load; a failing one (a missing stylesheet, a blocked script) is a bug.
ASSETS = {"stylesheet", "script", "image", "font", "media"}


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM.exists():
        pytest.fail(
            f"Chromium is missing at {CHROMIUM}. Run `make test` (it installs Debian's chromium package as root) "
            "or `apt-get install chromium`. The browser tests never skip.",
            pytrace=False,
        )
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
        ],
    }


@pytest.fixture
def viewport():
    """Desktop unless a test parametrizes `viewport` with VIEWPORTS."""
    return DESKTOP


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run the browser tests after every other test.

    They commit to the database so that the live server's thread sees their rows, and the database
    is flushed after each one, which also removes what the data migrations created (the Content
    editor group). pytest-django runs such tests after the others, but pytest then regroups the tests
    that share pytest-playwright's session-wide `browser_name` parameter; this puts them back last.
    """
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture
def site(live_server, transactional_db):
    """The live server with the starter content, committed so that the server's thread sees it."""
    call_command("seed_content", verbosity=0)
    return live_server


@pytest.fixture
def browser_context_args(browser_context_args, site, viewport):
    return {**browser_context_args, "base_url": site.url, "viewport": viewport, "locale": "en-GB"}


@pytest.fixture
def page_errors(page):
    """Script errors, console errors (CSP violations among them) and assets that failed to load."""
    errors = []
    watch_for_errors(page, errors)
    return errors


def watch_for_errors(page, errors):
    def on_console(message):
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            errors.append(f"console on {page.url}: {message.text} at {message.location}")

    def on_response(response):
        if response.status >= 400 and response.request.resource_type in ASSETS:
            errors.append(f"{response.status} {response.url}")

    def on_failed(request):
        # ERR_ABORTED is the browser cancelling a request because the page moved on, not a missing asset.
        if "ERR_ABORTED" not in (request.failure or ""):
            errors.append(f"failed {request.url}: {request.failure}")

    page.on("pageerror", lambda error: errors.append(f"script error: {error}"))
    page.on("console", on_console)
    page.on("response", on_response)
    page.on("requestfailed", on_failed)


@pytest.fixture
def no_js_page(new_context):
    """A page in a browser with JavaScript turned off: the site must work as plain HTML forms."""
    return new_context(java_script_enabled=False).new_page()


def url(name, *args, query=""):
    return reverse(name, args=args) + (f"?{query}" if query else "")


def link_to(page, name, *args):
    """The link in the main content that goes to this named URL."""
    return page.locator(f"main a[href='{reverse(name, args=args)}']").first


def shot(page, journey, step, *, dark=False):
    """Save a full-page screenshot named by journey, step and width (see README: Browser tests);
    with `dark`, a second one in the dark colour scheme."""
    SCREENSHOTS.mkdir(exist_ok=True)
    page.evaluate(
        """() => Promise.all([...document.images].map(img => {
            img.loading = 'eager';
            return img.complete ? null : new Promise(done => { img.onload = img.onerror = done; });
        }))"""
    )
    width = page.viewport_size["width"]
    # caret="initial": hiding the caret leaves style="" on inputs, which htmx copies and the CSP refuses.
    page.screenshot(path=SCREENSHOTS / f"{journey}-{step}-{width}.png", full_page=True, caret="initial")
    if dark:
        page.emulate_media(color_scheme="dark")
        page.screenshot(path=SCREENSHOTS / f"{journey}-{step}-{width}-dark.png", full_page=True, caret="initial")
        page.emulate_media(color_scheme="light")


def assert_fits_width(page):
    """Nothing makes the page scroll sideways (wide tables scroll inside their own box)."""
    overflow = page.evaluate(
        """() => {
            const root = document.documentElement;
            if (root.scrollWidth <= root.clientWidth) return [];
            return [...document.querySelectorAll('body *')]
                .filter(el => el.getBoundingClientRect().right > root.clientWidth + 1)
                .map(el => el.tagName.toLowerCase() + (el.className ? '.' + el.className : ''))
                .slice(-5);
        }"""
    )
    assert overflow == [], f"the page scrolls sideways at {page.viewport_size['width']}px because of {overflow}"


@pytest.fixture(scope="session")
def axe():
    if not AXE_SOURCE.exists():
        pytest.fail(f"{AXE_SOURCE} is missing: run `npm ci` (make test does).", pytrace=False)
    return Axe.from_file(AXE_SOURCE)


def axe_violations(axe, page, label):
    """What axe-core finds against WCAG 2.0-2.2 A/AA and best practices, one line per rule and element,
    once the layout has settled (a viewport or colour scheme just changed)."""
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
    lines = [f"axe found {len(violations)} violation(s) on {label}:"] if violations else []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>")
        for node in violation["nodes"]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {json.dumps(node['target'])}: {summary}")
    return lines


FOCUSABLE = (
    "a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), "
    "textarea:not([disabled]), summary, [tabindex]:not([tabindex='-1'])"
)


def tab_through(page):
    """Press Tab from where focus is (the top of the page, or an error summary) until it comes round again.

    Returns the controls the page offers (a radio group counts once: arrow keys move inside it) and
    every stop Tab made, each with whether its focus indicator was visible on screen.
    """
    controls = page.evaluate(
        """selector => {
            window.tabStops = [];
            const ring = el => {
                const style = getComputedStyle(el);
                return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none';
            };
            document.addEventListener('focusin', event => {
                const el = event.target, box = el.getBoundingClientRect();
                // A choice card draws the focus ring around the whole card, not its tick box.
                const card = el.closest('.choice');
                window.tabStops.push({
                    key: el.dataset.tabKey || el.outerHTML.slice(0, 80),
                    indicator: ring(el) || (card !== null && ring(card)),
                    on_screen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight,
                });
            });
            return [...document.querySelectorAll(selector)]
                .filter(el => el.checkVisibility({visibilityProperty: true, contentVisibilityAuto: true}))
                .map((el, i) => {
                    el.dataset.tabKey = el.type === 'radio' ? `radio ${el.name}` : `${el.tagName.toLowerCase()} ${i}`;
                    return [el.dataset.tabKey, (el.innerText || el.value || el.name || '').trim().slice(0, 40)];
                });
        }""",
        FOCUSABLE,
    )
    # A date input takes three Tab stops in Chromium (its day, month and year), all on the one element;
    # twice round, since a page that puts focus on an error summary starts the round in the middle.
    date_parts = 2 * page.locator("input[type=date]:visible").count()
    for _ in range(2 * len({key for key, _text in controls}) + date_parts + 3):
        page.keyboard.press("Tab")
    recorded = page.evaluate("() => { document.activeElement.blur(); return window.tabStops; }")
    stops = []
    for stop in recorded:
        if stop["key"] in {seen["key"] for seen in stops}:
            break
        stops.append(stop)
    return controls, stops


def assert_keyboard_reachable(page, label):
    """Every control is reached by Tab, shows a visible focus indicator on screen, and focus moves on."""
    controls, stops = tab_through(page)
    reached = {stop["key"] for stop in stops}
    missed = sorted({f"{key}: {text}" for key, text in controls if key not in reached})
    hidden = [stop["key"] for stop in stops if not (stop["indicator"] and stop["on_screen"])]
    assert stops, f"Tab reaches nothing on {label}"
    assert missed == [], f"Tab never reaches these controls on {label} (a keyboard trap, or out of order): {missed}"
    assert hidden == [], f"focus is not visible on these controls on {label}: {hidden}"


def moving_parts(page):
    """Elements with a running animation or a transition, and the page's scroll behaviour."""
    return page.evaluate(
        """() => ({
            running: document.getAnimations().length,
            scroll: getComputedStyle(document.documentElement).scrollBehavior,
            moving: [...document.querySelectorAll('*')].filter(el => {
                const style = getComputedStyle(el);
                const longest = value => Math.max(...value.split(',').map(parseFloat));
                return (style.animationName !== 'none' && longest(style.animationDuration) > 0)
                    || longest(style.transitionDuration) > 0;
            }).map(el => el.tagName.toLowerCase() + '.' + el.className).slice(0, 10),
        })"""
    )
