"""A patient's visit leaves no trace: no cookie, nothing loaded from elsewhere, no answers stored or logged."""

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import ANSWERS

pytestmark = pytest.mark.django_db

# Attributes through which a page makes the browser fetch something. Plain <a href> links (to cited
# sources, say) are not in this list: the browser only follows them when the patient clicks.
LOADING_ATTRIBUTES = {
    "script": ["src"],
    "link": ["href"],
    "img": ["src", "srcset"],
    "source": ["src", "srcset"],
    "iframe": ["src"],
    "frame": ["src"],
    "embed": ["src"],
    "object": ["data"],
    "video": ["src", "poster"],
    "audio": ["src"],
    "track": ["src"],
    "input": ["src"],
    "form": ["action"],
}
CSS_URL = re.compile(r"""(?:url\(|@import)\s*['"]?([^'")\s]+)""")
# <link>s that name an address for search engines (the page itself, in each language); browsers load nothing.
NOT_LOADED = {"canonical", "alternate"}


class Loads(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        if tag == "link" and dict(attrs).get("rel") in NOT_LOADED:
            return
        for name, value in attrs:
            if value and name in LOADING_ATTRIBUTES.get(tag, []):
                self.urls += [part.split()[0] for part in value.split(",")] if name == "srcset" else [value]
            if name == "style" and value:
                self.urls += CSS_URL.findall(value)


def other_origins(urls):
    return [url for url in urls if urlsplit(url).netloc or urlsplit(url).scheme not in ("", "data")]


def test_no_public_page_sets_a_cookie(client, public_pages):
    for name, url in public_pages.items():
        for headers in ({}, {"HX-Request": "true"}):
            response = client.get(url, headers=headers)
            assert not response.cookies, (name, headers)
            assert "Set-Cookie" not in response.headers, name
    assert not client.cookies


def test_health_check_sets_no_cookie(client):
    assert not client.get("/healthz").cookies


def test_no_page_loads_anything_from_another_origin(client, public_pages):
    for name, url in public_pages.items():
        parser = Loads()
        parser.feed(client.get(url).content.decode())
        assert parser.urls, name
        assert other_origins(parser.urls) == [], name


def test_stylesheets_load_nothing_from_another_origin():
    for path in Path(settings.BASE_DIR, "static", "css").glob("*.css"):
        assert other_origins(CSS_URL.findall(path.read_text(encoding="utf-8"))) == [], path


def test_results_write_nothing_to_the_database(client, public_pages):
    urls = [url for name, url in public_pages.items() if name in ("questionnaire", "results")]
    urls += [f"{url}&format=json" for url in urls if "?" in url]
    with CaptureQueriesContext(connection) as queries:
        for url in urls:
            client.get(url)
    writes = [
        query["sql"]
        for query in queries
        if not query["sql"].lstrip().upper().startswith(("SELECT", "SAVEPOINT", "RELEASE"))
    ]
    assert writes == []


def test_answers_never_reach_the_logs(client, caplog, public_pages):
    bad_answers = "scar=moon-crater&severity=dreadful&health=pregnant"
    urls = [
        reverse("treatments:treatment_list") + "?pain=pregnant-and-worried",
        f"/no-such-page/?{ANSWERS}",
        *(f"{url.split('?')[0]}?{bad_answers}" for name, url in public_pages.items() if name == "results"),
    ]
    with caplog.at_level("DEBUG"):
        for url in urls:
            assert client.get(url).status_code in (400, 404)
    assert caplog.records, "Django logs 4xx responses; this test needs them"
    for record in caplog.records:
        assert not hasattr(record, "request")
        for text in ("pregnant", "anticoagulants", "moon-crater", "?"):
            assert text not in record.getMessage()


def test_access_log_format_leaves_out_query_string_and_referrer():
    config = {}
    exec(Path(settings.BASE_DIR, "gunicorn.conf.py").read_text(encoding="utf-8"), config)
    log_format = config["access_log_format"]
    assert "%(U)s" in log_format
    for leaks in ("%(r)s", "%(q)s", "%(f)s", "%({raw_uri}e)s"):
        assert leaks not in log_format


def test_privacy_notice_is_linked_from_every_page_and_says_what_is_kept(client, public_pages):
    privacy = reverse("privacy")
    for url in public_pages.values():
        assert f'href="{privacy}"' in client.get(url).content.decode()
    text = client.get(privacy).content.decode()
    for words in (
        "set no cookies",
        "not saved in a database",
        "not written to the site's logs",
        "chooses where it is hosted",
    ):
        assert words in text


@pytest.mark.parametrize(
    "target", ["/results/?scar=rolling&health=pregnant", "/results/%3Fscar=rolling&health=pregnant"]
)
def test_development_server_request_lines_are_logged_without_the_query_string(target):
    """`make run` logs each raw request line; the answers in a results address must not reach the console,
    not even behind an encoded question mark."""
    import logging

    from scarguide.logs import ForgetRequest

    record = logging.LogRecord(
        "django.server", logging.WARNING, __file__, 1, '"%s" %s %s', (f"GET {target} HTTP/1.1", "400", "1234"), None
    )
    assert ForgetRequest().filter(record)
    assert record.getMessage() == '"GET /results/ HTTP/1.1" 400 1234'
    server = settings.LOGGING["loggers"]["django.server"]
    assert server["propagate"] is False
    assert all("forget_request" in settings.LOGGING["handlers"][name]["filters"] for name in server["handlers"])
