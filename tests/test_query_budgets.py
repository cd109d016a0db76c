"""Each page runs the same number of SQL queries whether the catalogue has 10 treatments or 200."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from tests.conftest import make_catalogue
from treatments.management.commands.generate_synthetic_treatments import add_synthetic_treatments

pytestmark = pytest.mark.django_db

PAGES = {
    "home": lambda first: reverse("treatments:home"),
    "scar list": lambda first: reverse("treatments:scar_list"),
    "scar detail": lambda first: reverse("treatments:scar_detail", args=["rolling"]),
    "treatment list": lambda first: reverse("treatments:treatment_list"),
    "filtered treatment list": lambda first: reverse("treatments:treatment_list") + "?scar=rolling&downtime=7&pain=2",
    "treatment detail": lambda first: first.get_absolute_url(),
    "aftercare": lambda first: first.get_aftercare_url(),
    "results": lambda first: reverse("treatments:results") + f"?{ANSWERS}",
    "results as JSON": lambda first: reverse("treatments:results") + f"?{ANSWERS}&format=json",
    "compare": lambda first: reverse("treatments:compare") + "?t=synthetic-0001&t=synthetic-0002",
}
ANSWERS = "scar=rolling&scar=boxcar&severity=moderate&skin_type=5&downtime=14&health=anticoagulants"


def queries_to_render(client, url):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("language", ["en", "zh-hant"])
@pytest.mark.parametrize("page", PAGES)
def test_page_runs_the_same_queries_with_10_or_200_treatments(client, page, language):
    first, *_ = make_catalogue(10)
    with translation.override(language):
        url = PAGES[page](first)
    with_10 = queries_to_render(client, url)
    add_synthetic_treatments(190)
    with_200 = queries_to_render(client, url)
    assert with_10 == with_200
    assert with_200 <= 8


@pytest.mark.parametrize("page", PAGES)
def test_second_visit_costs_one_query(client, page):
    first, *_ = make_catalogue(10)
    url = PAGES[page](first)
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert len(queries) == 1, [query["sql"] for query in queries]
