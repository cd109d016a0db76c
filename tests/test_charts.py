"""The at-a-glance pictures: the recovery time chart and the aftercare timeline bars."""

import re

import pytest
from django.urls import reverse

from tests.conftest import create, make_treatment
from treatments.models import AftercareStep
from treatments.templatetags.charts import aftercare_timeline, bar_x, downtime_chart, timeline_position

pytestmark = pytest.mark.django_db


def chart_rows(html):
    """(name, bar start %, bar end %, text) for each row of the downtime chart."""
    return re.findall(
        r'class="downtime-chart__name"[^>]*>([^<]+)</a>.*?class="downtime-chart__range" x1="([\d.]+)%" '
        r'x2="([\d.]+)%".*?class="downtime-chart__value">([^<]+)</span>',
        html,
        re.S,
    )


def test_bars_are_proportional_to_days_and_stay_inside_the_drawing():
    assert [bar_x(days, 14) for days in (0, 7, 14, 30)] == ["2.0", "50.0", "98.0", "98.0"]
    assert bar_x(3, 0) == "2"


def test_chart_is_shortest_first_on_a_whole_week_scale():
    quick = make_treatment(name="Quick", downtime_min_days=0, downtime_max_days=2)
    slow = make_treatment(name="Slow", downtime_min_days=7, downtime_max_days=10)
    chart = downtime_chart([slow, quick])
    assert [t.name for t in chart["rows"]] == ["Quick", "Slow"]
    assert chart["scale"] == 14
    assert [tick["days"] for tick in chart["ticks"]] == [0, 7, 14]


def test_treatment_list_shows_the_downtime_chart_with_the_numbers_in_text(client, treatment):
    create(make_treatment(name="Dermabrasion", slug="dermabrasion", downtime_min_days=7, downtime_max_days=14))
    create(make_treatment(name="Botulinum toxin", slug="botulinum-toxin", downtime_min_days=0, downtime_max_days=0))
    html = client.get(reverse("treatments:treatment_list")).content.decode()
    assert "Recovery time at a glance" in html
    assert chart_rows(html) == [
        ("Botulinum toxin", "2.0", "2.0", "No recovery time"),
        ("Subcision", "8.9", "22.6", "1 to 3 days"),
        ("Dermabrasion", "50.0", "98.0", "7 to 14 days"),
    ]
    assert 'style="' not in html


def test_filtered_list_charts_only_the_treatments_shown(client, treatment):
    create(make_treatment(name="Dermabrasion", slug="dermabrasion", downtime_min_days=7, downtime_max_days=14))
    response = client.get(reverse("treatments:treatment_list"), {"downtime": 5}, headers={"HX-Request": "true"})
    assert [row[0] for row in chart_rows(response.content.decode())] == ["Subcision"]


def test_compare_page_shows_the_downtime_chart(client, treatment):
    other = create(make_treatment(name="Dermabrasion", slug="dermabrasion", downtime_min_days=7, downtime_max_days=14))
    response = client.get(reverse("treatments:compare"), {"t": [treatment.slug, other.slug]})
    assert response.status_code == 200
    assert [row[0] for row in chart_rows(response.content.decode())] == ["Subcision", "Dermabrasion"]


def test_aftercare_timeline_up_to_two_weeks_is_evenly_spaced(client, treatment):
    AftercareStep.objects.create(treatment=treatment, day_from=1, day_to=3, todo="Moisturise")
    AftercareStep.objects.create(treatment=treatment, day_from=4, day_to=9, todo="Sunscreen")
    html = client.get(treatment.get_aftercare_url()).content.decode()
    spans = re.findall(r'class="timeline__span" x1="([\d.]+)%" x2="([\d.]+)%"', html)
    # 10 days in all (day 0 to day 9), evenly: day 0, days 1-3, days 4-9.
    assert spans == [("2.0", "11.6"), ("11.6", "40.4"), ("40.4", "98.0")]
    assert "Days 1 to 3" in html
    assert "The first days are drawn wider" not in html


def test_a_long_aftercare_timeline_gives_days_0_to_10_about_half_its_width():
    assert timeline_position(0, 43) == 0
    assert timeline_position(43, 43) == 1
    assert 0.5 < timeline_position(10, 43) < 0.6
    assert 0.35 < timeline_position(10, 121) < 0.45
    # Later days are squeezed, never reordered.
    positions = [timeline_position(day, 121) for day in range(122)]
    assert positions == sorted(positions)


def test_long_timeline_labels_its_days_without_crowding(client, treatment):
    steps = [
        AftercareStep(treatment=treatment, day_from=start, day_to=end, todo="x")
        for start, end in [(0, 0), (1, 3), (4, 10), (11, 56), (57, 120)]
    ]
    timeline = aftercare_timeline(steps)
    assert [tick["day"] for tick in timeline["ticks"]] == [0, 1, 3, 7, 14, 28, 56, 90]
    xs = [float(tick["x"]) for tick in timeline["ticks"]]
    assert all(later - earlier >= 0.08 * 96 for earlier, later in zip(xs, xs[1:], strict=False))
    assert [row["x2"] for row in timeline["rows"]][-1] == "98.0"
    assert not timeline["evenly"]


def test_aftercare_page_says_the_scale_is_wider_for_the_first_days(client, treatment):
    AftercareStep.objects.create(treatment=treatment, day_from=1, day_to=42, todo="Sunscreen")
    html = client.get(treatment.get_aftercare_url()).content.decode()
    assert "The first days are drawn wider" in html
    labels = re.findall(r'<text x="[\d.]+%" y="15" text-anchor="middle">(\d+)</text>', html)
    assert labels == ["0", "1", "3", "7", "14", "28"]
