"""The page cache holds at most one copy of each real page: parameters a view ignores cannot flood it.

Counted in a real Redis (tests/servers.py), as production shares one between app servers.
"""

import secrets

import pytest
import redis
from django.urls import reverse

from tests.conftest import create, make_treatment

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_cache(settings, redis_server):
    prefix = f"page-cache-{secrets.token_hex(6)}"
    settings.CACHES = {
        "default": {
            "BACKEND": "scarguide.cache.ForgivingRedisCache",
            "LOCATION": redis_server.url(),
            "KEY_PREFIX": prefix,
        }
    }
    client = redis.Redis.from_url(redis_server.url())
    yield lambda: len(list(client.scan_iter(f"{prefix}:*:page:*")))
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


@pytest.fixture
def catalogue(treatment):
    for _ in range(3):
        create(make_treatment())
    return treatment


def test_random_tracking_parameters_store_nothing_and_are_served_from_the_cache(
    client, shared_cache, catalogue, django_assert_num_queries
):
    pages = [reverse("treatments:home"), reverse("treatments:treatment_list"), catalogue.get_absolute_url()]
    for url in pages:
        assert client.get(url).status_code == 200
    assert shared_cache() == len(pages)
    for url in pages:
        expected = client.get(url).content
        for _ in range(50):
            with django_assert_num_queries(1):  # the content version, then the page from the cache
                response = client.get(f"{url}?utm_source={secrets.token_hex(8)}&fbclid={secrets.token_hex(16)}")
            assert response.status_code == 200
            assert response.content == expected
    assert shared_cache() == len(pages)


def test_a_page_first_asked_for_with_unknown_parameters_is_served_but_not_stored(client, shared_cache, catalogue):
    url = reverse("treatments:treatment_list")
    for _ in range(20):
        assert client.get(f"{url}?pain=2&utm_source={secrets.token_hex(8)}").status_code == 200
    assert shared_cache() == 0
    client.get(f"{url}?pain=2")
    assert shared_cache() == 1


@pytest.mark.parametrize(
    "query",
    [
        "downtime=07",  # a leading zero
        "pain=2&pain=2",  # a single value given twice
        "pain=2&scar=",  # an empty value, as a form submitted with a field left blank sends
        "downtime=%207",  # a space
        "pain=2&PAIN=3",  # a parameter the view does not read
    ],
)
def test_an_address_that_is_not_in_its_one_canonical_form_is_served_but_never_stored(
    client, shared_cache, catalogue, query
):
    url = reverse("treatments:treatment_list")
    response = client.get(f"{url}?{query}")
    assert response.status_code == 200
    assert shared_cache() == 0


def test_the_key_holds_the_parameters_sorted_so_their_order_makes_no_new_copy(client, shared_cache, catalogue):
    url = reverse("treatments:treatment_list")
    first = client.get(f"{url}?pain=3&scar=rolling")
    second = client.get(f"{url}?scar=rolling&pain=3")
    assert first["ETag"] == second["ETag"]
    assert shared_cache() == 1


def test_a_parameter_given_twice_is_answered_as_the_view_reads_it(client, catalogue):
    """The view reads the last value of a single-valued parameter; so does the cache key."""
    url = reverse("treatments:treatment_list")
    assert client.get(f"{url}?pain=1&pain=3")["ETag"] == client.get(f"{url}?pain=3")["ETag"]
    assert client.get(f"{url}?pain=1&pain=3")["ETag"] != client.get(f"{url}?pain=1")["ETag"]


def test_compared_treatments_in_any_other_order_are_served_but_only_the_sorted_one_stored(
    client, shared_cache, catalogue
):
    other = create(make_treatment(slug="another-treatment"))
    url = reverse("treatments:compare")
    slugs = sorted([catalogue.slug, other.slug])
    assert client.get(f"{url}?t={slugs[1]}&t={slugs[0]}").status_code == 200
    assert shared_cache() == 0
    assert client.get(f"{url}?t={slugs[0]}&t={slugs[1]}").status_code == 200
    assert shared_cache() == 1


def test_a_page_number_past_the_last_is_not_found_rather_than_a_new_copy_of_the_last_page(
    client, shared_cache, catalogue
):
    url = reverse("treatments:treatment_list")
    assert client.get(f"{url}?page=1").status_code == 200
    for number in (2, 999, 123456):
        assert client.get(f"{url}?page={number}").status_code == 404
    assert client.get(f"{url}?page=x").status_code == 404
    assert shared_cache() == 1


def test_bad_filters_are_never_stored(client, shared_cache, catalogue):
    url = reverse("treatments:treatment_list")
    for query in ("pain=9", "downtime=999", "scar=no-such-scar"):
        assert client.get(f"{url}?{query}").status_code == 400
    assert shared_cache() == 0
