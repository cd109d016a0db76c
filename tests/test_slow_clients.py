"""A client that sends its request slowly holds one of gunicorn's threads, not a whole worker.

One worker, as gunicorn.conf.py runs each of them: while slow clients hold some of its threads, another client
is still answered. (bench/slow_clients.py measures more; the proxy in front must buffer requests: README.)
"""

import socket

import pytest

from tests.servers import AppServer, manage, production_environment


@pytest.fixture
def one_worker(tmp_path, collected_static):
    env = production_environment(
        tmp_path, DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", DJANGO_STATIC_ROOT=collected_static
    )
    manage(env, "migrate", "--verbosity", "0")
    server = AppServer(env, tmp_path, "--workers", "1").start()
    yield server
    server.close()


def test_a_worker_still_answers_while_slow_clients_hold_some_of_its_threads(one_worker):
    slow = []
    try:
        for _ in range(3):
            sock = socket.create_connection(("127.0.0.1", one_worker.port), timeout=10)
            sock.sendall(b"GET /ping HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: 1\r\n")  # and never the end
            slow.append(sock)
        status, _, body = one_worker.request("GET", "/ping", {"X-Forwarded-Proto": "https"})
        assert (status, body) == (200, b"ok")
    finally:
        for sock in slow:
            sock.close()
