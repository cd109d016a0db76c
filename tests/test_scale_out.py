"""Two app servers behind a load balancer share one PostgreSQL and one Redis, and keep nothing of their own.

Always runs on a throwaway PostgreSQL and Redis of its own (tests/servers.py), whatever DATABASE_URL the rest
of the suite uses: it starts two gunicorn servers, edits content in admin on one, and expects to see the edit
on the other within a second.
"""

import http.client
import json
import re
import time
import uuid
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest

from tests.conftest import ANSWERS
from tests.servers import AppServer, manage, production_environment

PASSWORD = "a-long-password-for-the-scale-out-test"


class Browser:
    """Just enough of a browser for admin: keeps its cookies and talks HTTPS through the proxy (a header)."""

    def __init__(self):
        self.cookies = {}

    def request(self, port, method, path, data=None):
        headers = {"Host": "127.0.0.1", "X-Forwarded-Proto": "https", "Origin": "https://127.0.0.1"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode()
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            self.cookies.update({name: morsel.value for name, morsel in SimpleCookie(header).items()})
        return response.status, text

    def get(self, port, path):
        return self.request(port, "GET", path)

    def post(self, port, path, data):
        return self.request(port, "POST", path, {**data, "csrfmiddlewaretoken": self.cookies["csrftoken"]})


class FormFields(HTMLParser):
    """What a browser would submit from the page's main form, untouched."""

    def __init__(self):
        super().__init__()
        self.data, self._select, self._textarea = [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "file", "button"):
            if attrs.get("type") not in ("checkbox", "radio") or "checked" in attrs:
                self.data.append((name, attrs.get("value", "on" if attrs.get("type") == "checkbox" else "")))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.data.append((self._select, attrs.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]

    def handle_data(self, data):
        if self._textarea:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.data.append(tuple(self._textarea))
            self._textarea = None


@pytest.fixture
def two_servers(postgres_server, redis_server, collected_static, tmp_path):
    """Releases the app as the README says onto a new database, then starts two gunicorn servers."""
    env = production_environment(
        tmp_path,
        DATABASE_URL=postgres_server.create_database(f"scale_out_{uuid.uuid4().hex[:12]}"),
        REDIS_URL=redis_server.url(),
        DJANGO_CACHE_KEY_PREFIX=f"scale-out-{uuid.uuid4().hex[:12]}",
        DJANGO_SUPERUSER_PASSWORD=PASSWORD,
        DJANGO_STATIC_ROOT=collected_static,
    )
    manage(env, "release", "--verbosity", "0")
    manage(env, "createsuperuser", "--no-input", "--username", "ops", "--email", "ops@example.com")
    servers = [AppServer(env, tmp_path, "--workers", "2") for _ in "ab"]
    try:
        for server in servers:
            server.start()
        yield servers
    finally:
        for server in servers:
            server.close()


def test_an_edit_on_one_server_shows_on_the_other_within_a_second(two_servers):
    for server in two_servers:
        assert json.loads(server.request("GET", "/healthz")[2])["cache"] == "ok"
    server_a, server_b = (server.port for server in two_servers)
    patient, staff = Browser(), Browser()
    assert "Rolling" in patient.get(server_b, "/scars/rolling/")[1]

    staff.get(server_a, "/admin/login/")
    status, _ = staff.post(server_a, "/admin/login/", {"username": "ops", "password": PASSWORD, "next": "/admin/"})
    assert status == 302
    # The session lives in the shared database, so the other server knows this editor too.
    assert staff.get(server_b, "/admin/")[0] == 200

    change_url = re.search(
        r'href="(/admin/treatments/scartype/\d+/change/)',
        staff.get(server_a, "/admin/treatments/scartype/?q=rolling")[1],
    )[1]
    form = FormFields()
    form.feed(staff.get(server_a, change_url)[1])
    new_summary = f"Wide, shallow dips with soft edges (edited {uuid.uuid4().hex[:8]})."
    data = [(name, new_summary if name == "summary_en" else value) for name, value in form.data]
    status, body = staff.request(server_a, "POST", change_url, data)
    assert status == 302, body[:2000]

    deadline = time.monotonic() + 1.0
    while new_summary not in patient.get(server_b, "/scars/rolling/")[1]:
        assert time.monotonic() < deadline, "the edit made on server A did not show on server B within a second"
        time.sleep(0.05)
    assert not patient.cookies

    # The access log names the page, never the answers in its address.
    assert patient.get(server_b, f"/results/?{ANSWERS}")[0] == 200
    deadline = time.monotonic() + 5  # gunicorn writes the line just after the response
    while "GET /results/ " not in two_servers[1].access_log.read_text():
        assert time.monotonic() < deadline, "server B did not log the results request"
        time.sleep(0.05)
    logs = {name: server.access_log.read_text() for name, server in zip("ab", two_servers, strict=True)}
    assert "GET /scars/rolling/ " in logs["b"] and "GET /admin/login/ " in logs["a"]
    for log in logs.values():
        assert "?" not in log and "anticoagulants" not in log
