"""The at-a-glance pictures: the downtime chart and the aftercare timeline bars."""

import re

import pytest
from django.urls import reverse

from tests.conftest import create, make_treatment
from treatments.models import AftercareStep
from treatments.templatetags.charts import bar_x, downtime_chart

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
    assert "Downtime at a glance" in html
    assert chart_rows(html) == [
        ("Botulinum toxin", "2.0", "2.0", "No downtime"),
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


def test_aftercare_timeline_draws_a_bar_for_each_stage_in_proportion_to_its_days(client, treatment):
    AftercareStep.objects.create(treatment=treatment, day_from=1, day_to=3, todo="Moisturise")
    AftercareStep.objects.create(treatment=treatment, day_from=4, day_to=29, todo="Sunscreen")
    html = client.get(treatment.get_aftercare_url()).content.decode()
    spans = re.findall(r'class="timeline__span" x1="([\d.]+)%" x2="([\d.]+)%"', html)
    # 30 days in all (day 0 to day 29): day 0, days 1-3, days 4-29.
    assert spans == [("2.0", "5.2"), ("5.2", "14.8"), ("14.8", "98.0")]
    assert "Day 29" in html
    assert "Days 1 to 3" in html
