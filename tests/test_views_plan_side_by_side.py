"""Several treatments planned against one date, the links into the planner, and the planner on the real content."""

import gzip
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from tests.conftest import create, make_treatment
from tests.test_page_weight import BUDGET, LINKED, STYLESHEET_OR_SCRIPT, static_file
from tests.test_views_plan import assert_no_store, days, text
from treatments.models import Treatment

pytestmark = pytest.mark.django_db


def side_by_side(client, query, **headers):
    return client.get(f"{reverse('treatments:plan_side_by_side')}?{query}", headers=headers)


def test_several_treatments_on_one_timeline_say_which_fit_and_by_how_much(client, options):
    response = side_by_side(client, f"t=subcision&t=laser&t=microneedling&date={days(90)}")
    assert response.status_code == 200
    page = text(response).split('<section id="plans"')[1]
    assert page.index("Subcision") < page.index("Laser resurfacing") < page.index("Microneedling")
    assert page.count('class="card plan-row"') == 3
    assert page.count('class="plan-bar"') == 3
    assert page.count('class="plan-bar__target"') == 3
    assert "Against your date" in page
    assert "Each plan starts tomorrow" in page
    # In 90 days, two sessions six weeks apart and ten days of recovery fit, or three with three days.
    assert page.count("Only 2 sessions fit before") == 2
    assert page.count("About 3 sessions fit before") == 1
    assert f'href="{reverse("treatments:plan", args=["laser"])}?date={days(90)}"' in page
    assert_no_store(response)


def test_a_whole_course_that_fits_says_the_days_to_spare_and_the_latest_start(client, options):
    page = text(side_by_side(client, f"t=subcision&date={days(300)}"))
    assert "Fits before" in page
    # From tomorrow, six sessions six weeks apart and ten days of recovery: 221 days, so 78 to spare.
    assert "about 78 days to spare" in page
    latest = timezone.localdate() + timedelta(days=79)
    assert f"The latest start for all of it is {latest.day} {latest:%B %Y}." in page


def test_a_date_too_soon_for_one_option_is_said_on_its_card_not_as_an_error(client, options):
    create(make_treatment(name="Injection", slug="injection", downtime_min_days=0, downtime_max_days=0))
    response = side_by_side(client, f"t=subcision&t=injection&date={days(5)}")
    assert response.status_code == 200
    page = text(response)
    assert "Too soon for even one session before" in page
    assert "Only 1 session fits before" in page
    assert "No recovery time" in page and "0 to 0" not in page


def test_from_the_results_without_a_date_the_courses_show_in_words_and_ask_for_a_date(client, options):
    response = side_by_side(client, "t=subcision&t=laser")
    assert response.status_code == 200
    page = text(response)
    assert "Enter a date above to see the courses as dates." in page
    assert page.count('class="card plan-row"') == 2
    assert "About 5 to 10 days" in page
    assert re.search(r'<input type="checkbox" name="t" value="subcision"[^>]*checked', page)
    assert not re.search(r'<input type="checkbox" name="t" value="microneedling"[^>]*checked', page)


def test_with_a_first_session_date_every_plan_starts_then(client, options):
    page = text(side_by_side(client, f"t=subcision&t=laser&start={days(14)}&date={days(200)}"))
    assert "Each plan starts with a first session on" in page


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("t=subcision&t=nothing-like-it", "A treatment in the link is not in this guide."),
        (f"date={days(90)}", "Choose at least one treatment."),
        ("t=a&t=b&t=c&t=d&t=e", "A treatment in the link is not in this guide."),
        (f"t=subcision&date={days(-1)}", "This date has passed."),
        ("t=subcision&date=soon", "Enter a real date"),
        ("t=subcision&date=&start=", "Enter a date you want to look like yourself by"),
    ],
)
def test_bad_choices_and_dates_get_a_400_and_a_clear_message(client, options, query, message):
    response = side_by_side(client, query)
    assert response.status_code == 400
    assert message in text(response)
    assert_no_store(response)


def test_at_most_four_treatments_side_by_side(client, options):
    for n in range(2):
        create(make_treatment(slug=f"extra-{n}"))
    response = side_by_side(client, "t=subcision&t=laser&t=microneedling&t=extra-0&t=extra-1")
    assert response.status_code == 400
    assert "Choose at most 4 treatments to plan side by side." in text(response)
    assert side_by_side(client, "t=subcision&t=subcision&t=laser&t=microneedling&t=extra-0").status_code == 200


def test_with_htmx_the_side_by_side_plan_updates_in_place(client, options):
    response = side_by_side(client, f"t=subcision&date={days(90)}", **{"HX-Request": "true"})
    assert response.status_code == 200
    assert text(response).lstrip().startswith('<div id="planner">')
    assert "<html" not in text(response)
    assert "HX-Request" in response["Vary"]


def test_results_link_each_option_and_the_shortlist_to_the_planner_with_slugs_only(client, options):
    answers = "scar=rolling&severity=moderate&skin_type=2&downtime=14&health=anticoagulants"
    page = text(client.get(f"{reverse('treatments:results')}?{answers}"))
    for slug in ("subcision", "microneedling", "laser"):
        assert f'href="{reverse("treatments:plan", args=[slug])}"' in page
    links = re.findall(r'href="(/plan/\?[^"]*)"', page)
    assert len(links) == 1
    assert re.fullmatch(r"/plan/\?t=[a-z-]+(&amp;t=[a-z-]+)+", links[0]), links[0]


def test_treatment_and_aftercare_pages_link_to_the_planner(client, treatment):
    planner = f'href="{reverse("treatments:plan", args=["subcision"])}"'
    assert planner in text(client.get(treatment.get_absolute_url()))
    assert planner in text(client.get(treatment.get_aftercare_url()))


@pytest.mark.parametrize("count", [10, 200])
def test_side_by_side_runs_the_same_few_queries_whatever_the_catalogue(
    client, options, count, django_assert_num_queries
):
    for n in range(count):
        create(make_treatment(slug=f"other-{n}"))
    with django_assert_num_queries(4):
        assert side_by_side(client, f"t=subcision&t=laser&date={days(90)}").status_code == 200


def test_every_matched_treatment_in_the_starter_content_can_be_planned_and_exported(client, seeded):
    target = days(365)
    for treatment in Treatment.objects.matchable():
        plan = client.get(f"{reverse('treatments:plan', args=[treatment.slug])}?date={target}")
        assert plan.status_code == 200, treatment.slug
        assert "Your plan, as dates" in text(plan), treatment.slug
        ics = client.get(f"{reverse('treatments:plan_calendar', args=[treatment.slug])}?date={target}")
        events = Calendar.from_ical(ics.content).walk("VEVENT")
        assert len(events) >= treatment.sessions_max, treatment.slug
        assert all(treatment.name in str(event["SUMMARY"]) for event in events)


def test_recovery_in_words_on_the_starter_content(client, seeded):
    page = text(side_by_side(client, f"t=steroid-injection&t=botulinum-toxin&t=dermal-fillers&date={days(200)}"))
    assert page.count("No recovery time") == 2
    assert "Up to about 2 days" in page
    assert "0 to 0" not in page


def test_planner_pages_with_the_starter_content_fit_the_page_weight_budget(client, seeded):
    four = "t=microneedling&t=subcision&t=tca-cross&t=dermal-fillers"
    for url in (
        f"{reverse('treatments:plan', args=['microneedling'])}?date={days(300)}",
        f"{reverse('treatments:plan_side_by_side')}?{four}&date={days(300)}",
    ):
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        assets = [static_file(tag) for tag in LINKED.findall(" ".join(STYLESHEET_OR_SCRIPT.findall(html)))]
        weight = len(gzip.compress(response.content)) + sum(len(gzip.compress(asset)) for asset in assets)
        assert weight < BUDGET, f"{url}: {weight} bytes compressed"
