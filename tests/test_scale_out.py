"""Two app servers behind a load balancer share one PostgreSQL and one Redis, and keep nothing of their own.

Always runs on the PostgreSQL (127.0.0.1:5432, user postgres) and Redis (127.0.0.1:6379) that every
development and CI machine has, whatever DATABASE_URL the rest of the suite uses: it creates a database
and a cache key prefix of its own, starts two gunicorn servers, edits content in admin on one, and
expects to see the edit on the other within a second.
"""

import http.client
import os
import re
import socket
import subprocess
import sys
import time
import uuid
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import psycopg
import pytest
import redis
from django.conf import settings

from tests.conftest import ANSWERS

POSTGRES = "postgres://postgres@127.0.0.1:5432"
REDIS = "redis://127.0.0.1:6379/0"
PASSWORD = "a-long-password-for-the-scale-out-test"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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
def shared_services(tmp_path):
    """A database of this test's own on the shared PostgreSQL, a key prefix of its own on the shared Redis."""
    name = f"sg_scale_out_{uuid.uuid4().hex[:12]}"
    prefix = f"scale-out-{uuid.uuid4().hex[:12]}"
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SECRET_KEY": "scale-out-test-secret-key-that-is-long-enough-0123456789",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_CSRF_TRUSTED_ORIGINS": "https://127.0.0.1",
        "DATABASE_URL": f"{POSTGRES}/{name}",
        "REDIS_URL": REDIS,
        "DJANGO_CACHE_KEY_PREFIX": prefix,
        "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
        "DJANGO_SUPERUSER_PASSWORD": PASSWORD,
    }
    try:
        yield env
    finally:
        with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cache = redis.Redis.from_url(REDIS)
        for key in cache.scan_iter(f"{prefix}:*"):
            cache.delete(key)


def manage(env, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=settings.BASE_DIR, env=env, check=True, capture_output=True
    )


@pytest.fixture
def two_servers(shared_services, tmp_path):
    """Releases the app as the README says, then starts two gunicorn servers; stops them afterwards."""
    env = shared_services
    manage(env, "release", "--verbosity", "0")
    manage(env, "collectstatic", "--no-input", "--verbosity", "0")
    manage(env, "createsuperuser", "--no-input", "--username", "ops", "--email", "ops@example.com")
    servers = []
    try:
        for name in ("a", "b"):
            port = free_port()
            command = [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}"]
            command += ["--workers", "2", "--access-logfile", str(tmp_path / f"access-{name}.log")]
            command += ["--error-logfile", str(tmp_path / f"error-{name}.log")]
            servers.append((port, subprocess.Popen(command, cwd=settings.BASE_DIR, env=env)))
        for port, process in servers:
            wait_until_healthy(port, process)
        yield [port for port, _ in servers]
    finally:
        for _, process in servers:
            process.terminate()
        for _, process in servers:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def wait_until_healthy(port, process, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, "gunicorn exited while starting"
        try:
            status, body = Browser().get(port, "/healthz")
            if status == 200:
                assert '"cache": "ok"' in body
                return
        except OSError:
            pass
        time.sleep(0.1)
    pytest.fail(f"gunicorn on port {port} did not become healthy")


def test_an_edit_on_one_server_shows_on_the_other_within_a_second(two_servers, tmp_path):
    server_a, server_b = two_servers
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
    while "GET /results/ " not in (tmp_path / "access-b.log").read_text():
        assert time.monotonic() < deadline, "server B did not log the results request"
        time.sleep(0.05)
    logs = {server: (tmp_path / f"access-{server}.log").read_text() for server in "ab"}
    assert "GET /scars/rolling/ " in logs["b"] and "GET /admin/login/ " in logs["a"]
    for log in logs.values():
        assert "?" not in log and "anticoagulants" not in log
