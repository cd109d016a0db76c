"""No log line holds a patient's answers or a forged line, and a client's mistake is one line (scarguide.logs).

The end-to-end tests run gunicorn with gunicorn.conf.py, as the container does, and read what it writes:
its access log, its error log, and Django's output.
"""

import logging
import time

import pytest
from django.urls import reverse

from scarguide.logs import ForgetRequest, loggable
from tests.servers import AppServer, manage, production_environment

ANSWERS = "scar=rolling&health=pregnant"


def test_loggable_text_keeps_nothing_after_a_question_mark():
    assert loggable("Not Found: /results/?scar=rolling&health=pregnant") == "Not Found: /results/"
    assert loggable("GET /results/?name=Zo ë&health=pregnant HTTP/1.1") == "GET /results/ HTTP/1.1"
    assert loggable("'GET /r/?a HTTP/1.1 b&health=pregnant HTTP/1.1'") == "'GET /r/ HTTP/1.1'"
    assert (
        loggable('"GET /results/%3Fscar=rolling&health=pregnant HTTP/1.1" 404 5300')
        == '"GET /results/ HTTP/1.1" 404 5300'
    )
    assert loggable("GET /results/%3fhealth=pregnant HTTP/1.1") == "GET /results/ HTTP/1.1"


def test_loggable_text_escapes_control_characters():
    assert loggable("/a\nforged line\r\x00\x7f\x85\u2028") == "/a\\x0aforged line\\x0d\\x00\\x7f\\x85\\x2028"
    assert loggable("/scars/rolling/") == "/scars/rolling/"


@pytest.mark.django_db
def test_a_client_error_is_logged_as_one_line_without_traceback(client, caplog, editor):
    """A staff member without permission for a page gets a 403, which Django would log with its traceback."""
    editor.groups.clear()
    client.force_login(editor)
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client.get(reverse("admin:treatments_treatment_changelist")).status_code == 403
    (record,) = [record for record in caplog.records if record.name == "django.request"]
    assert logging.Formatter().format(record) == "Forbidden (Permission denied): /admin/treatments/treatment/"


def test_a_server_fault_keeps_its_traceback():
    try:
        raise ZeroDivisionError("a bug")
    except ZeroDivisionError as error:
        record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "%s: %s", ("Error", "/"), None)
        record.exc_info, record.status_code = (type(error), error, error.__traceback__), 500
    assert ForgetRequest().filter(record)
    assert "Traceback" in logging.Formatter().format(record)


@pytest.fixture(scope="module")
def app(tmp_path_factory, collected_static):
    folder = tmp_path_factory.mktemp("logs")
    database = f"sqlite:///{folder / 'db.sqlite3'}"
    env = production_environment(folder, DATABASE_URL=database, DJANGO_STATIC_ROOT=collected_static)
    manage(env, "migrate", "--verbosity", "0")
    server = AppServer(env, folder, "--workers", "1").start()
    yield server
    server.close()


def logs(app):
    return {
        log: log.read_text(encoding="utf-8", errors="replace") for log in (app.access_log, app.error_log, app.output)
    }


def request_line(target):
    headers = b"Host: 127.0.0.1\r\nX-Forwarded-Proto: https\r\nConnection: close\r\n\r\n"
    return b"GET " + target + b" HTTP/1.1\r\n" + headers


def wait_for_lines(log, count):
    """gunicorn writes a request's access log line just after sending the response."""
    deadline = time.monotonic() + 5
    while log.read_text(errors="replace").count("\n") < count:
        assert time.monotonic() < deadline, f"{log.name} has fewer than {count} lines"
        time.sleep(0.02)


@pytest.mark.parametrize(
    "bad", [b" ", b"\t", b"\x00", b"\x7f", "Zoë".encode()], ids=["space", "tab", "nul", "del", "non-ascii"]
)
def test_a_request_line_gunicorn_refuses_leaves_no_answers_in_any_log(app, bad):
    answer = app.send_raw(request_line(b"/results/?name=Z" + bad + b"e&" + ANSWERS.encode()))
    assert answer.startswith(b"HTTP/1.1 400")
    for log, text in logs(app).items():
        assert "pregnant" not in text and "scar=" not in text, log.name
    assert "Invalid request" in app.error_log.read_text()


def test_an_encoded_question_mark_puts_no_answers_in_any_log(app):
    lines = app.access_log.read_text().count("\n")
    assert app.send_raw(request_line(b"/results/%3F" + ANSWERS.encode())).startswith(b"HTTP/1.1 404")
    wait_for_lines(app.access_log, lines + 1)
    texts = logs(app)
    assert '"GET /results/ HTTP/1.1" 404' in texts[app.access_log]
    assert "Not Found: /results/\n" in texts[app.output]
    for log, text in texts.items():
        assert "pregnant" not in text, log.name


@pytest.mark.parametrize("encoded", [b"%0A", b"%0D%0A", b"%00"])
def test_a_control_character_in_the_path_cannot_forge_a_log_line(app, encoded):
    before = {log: text.count("\n") for log, text in logs(app).items()}
    app.send_raw(request_line(b"/a" + encoded + b"127.0.0.1%20forged-line"))
    wait_for_lines(app.access_log, before[app.access_log] + 1)
    after = logs(app)
    assert after[app.access_log].count("\n") == before[app.access_log] + 1
    assert after[app.output].count("\n") == before[app.output] + 1
    for log, text in after.items():
        assert "\x00" not in text and "\nforged" not in text and "\n127.0.0.1 forged" not in text, log.name
    assert "/a\\x0" in after[app.access_log].splitlines()[-1]


def test_a_bad_host_header_is_one_line(app):
    before = app.output.read_text().count("\n")
    status, _, _ = app.request("GET", reverse("treatments:home"), {"Host": "attacker.example"})
    assert status == 400
    output = app.output.read_text()
    assert output.count("\n") == before + 1
    assert "Invalid HTTP_HOST header: 'attacker.example'" in output.splitlines()[-1]
    assert "Traceback" not in output
