"""Uptime monitors and link checkers ask with HEAD: every public page answers it as it answers GET."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_every_public_page_answers_head_as_it_answers_get(client, public_pages):
    pages = {**public_pages, "ping": reverse("ping"), "health check": "/healthz"}
    for name, url in pages.items():
        get = client.get(url)
        head = client.head(url)
        assert head.status_code == get.status_code, name
        assert head["Content-Type"] == get["Content-Type"], name
        assert head.content == b"", name


def test_a_head_request_gets_the_cached_page_headers(client, public_pages):
    url = public_pages["treatment detail"]
    head = client.head(url)
    assert head["ETag"] == client.get(url)["ETag"]
    assert client.head(url, headers={"if-none-match": head["ETag"]}).status_code == 304


def test_pages_still_refuse_methods_that_would_change_something(client, public_pages):
    for name, url in public_pages.items():
        if name not in ("privacy", "not found"):
            assert client.post(url).status_code == 405, name
