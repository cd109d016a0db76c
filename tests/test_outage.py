"""When the database goes away, cached catalogue pages are still served, everything else answers 503 with
Retry-After, each request is one log line, and the site recovers at the first request once it is back.

A real PostgreSQL of this test's own is stopped under a running gunicorn (tests/servers.py).
"""

import json

import pytest

from tests.conftest import ANSWERS
from tests.servers import AppServer, PostgresServer, manage, production_environment

CATALOGUE = ["/", "/scars/", "/scars/rolling/", "/treatments/", "/treatments/microneedling/"]
CATALOGUE += ["/treatments/microneedling/aftercare/", "/compare/?t=microneedling&t=subcision"]
NOT_CACHED = ["/questionnaire/", f"/results/?{ANSWERS}", "/treatments/subcision/"]
PROXY = {"X-Forwarded-Proto": "https"}


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    server = PostgresServer().start()
    yield server
    server.close()


@pytest.fixture(scope="module")
def app(database, collected_static, tmp_path_factory):
    """gunicorn with one worker, so that its local-memory cache holds every page it served."""
    folder = tmp_path_factory.mktemp("outage")
    env = production_environment(
        folder, DATABASE_URL=database.create_database("outage"), DJANGO_STATIC_ROOT=collected_static
    )
    manage(env, "release", "--verbosity", "0")
    server = AppServer(env, folder, "--workers", "1").start()
    yield server
    server.close()


def get(app, target, **headers):
    return app.request("GET", target, {**PROXY, **headers})


def test_a_database_outage_is_served_from_the_cache_or_answered_503_and_recovery_is_immediate(app, database):
    served = {}
    for target in CATALOGUE:
        status, headers, body = get(app, target)
        assert status == 200, target
        served[target] = (headers["ETag"], body)
    lines_before = app.output.read_text().count("\n")

    database.stop()
    try:
        for target in CATALOGUE:
            status, headers, body = get(app, target)
            assert (status, headers["ETag"], body) == (200, *served[target]), target
            assert get(app, target, **{"If-None-Match": served[target][0]})[0] == 304, target
        for target in NOT_CACHED:
            status, headers, body = get(app, target)
            assert status == 503, target
            assert headers["Retry-After"] == "30"
            assert "This page is not available for a moment" in body.decode(), target
            assert "not a diagnosis or medical advice" in body.decode(), target
        status, headers, body = get(app, f"/results/?{ANSWERS}&format=json")
        assert (status, headers["Content-Type"], headers["Retry-After"]) == (503, "application/json", "30")
        assert json.loads(body)["errors"]["__all__"] == [
            "The site cannot reach its information right now. Please try again in a minute."
        ]
        status, headers, _ = get(app, "/results/", Accept="application/json")
        assert (status, headers["Content-Type"]) == (503, "application/json")
        assert get(app, "/healthz")[0] == 503
    finally:
        database.start()

    assert get(app, f"/results/?{ANSWERS}")[0] == 200, "the first request after the outage is served"
    assert get(app, "/treatments/subcision/")[0] == 200

    output = app.output.read_text().splitlines()[lines_before:]
    assert "Traceback" not in "\n".join(output)
    served_lines = [line for line in output if line.endswith("served from the cache.")]
    failed_lines = [line for line in output if "(database unavailable: OperationalError)" in line]
    assert len(served_lines) == 2 * len(CATALOGUE)
    assert len(failed_lines) == len(NOT_CACHED) + 2
    assert output[len(served_lines) + len(failed_lines) :] == [
        "Health check: the database did not answer (OperationalError)."
    ], "one line for each request during the outage, and none after it"
    assert all("pregnant" not in line and "anticoagulants" not in line for line in output)
