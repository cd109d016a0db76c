"""The suite starts its own PostgreSQL and Redis from the installed binaries: no server needs starting by hand."""

import psycopg
import pytest
import redis

from tests.servers import PostgresServer, RedisServer


def test_a_throwaway_postgresql_starts_stops_starts_again_and_leaves_nothing_behind():
    server = PostgresServer().start()
    try:
        url = server.create_database("scarguide_check")
        with psycopg.connect(url) as connection:
            assert connection.execute("SELECT current_database()").fetchone() == ("scarguide_check",)
        server.stop()
        with pytest.raises(psycopg.OperationalError):
            psycopg.connect(url, connect_timeout=2)
        server.start()
        with psycopg.connect(url) as connection:
            assert connection.execute("SELECT 1").fetchone() == (1,)
    finally:
        server.close()
    assert not server.folder.exists()
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(server.url(), connect_timeout=2)


def test_a_throwaway_redis_starts_and_leaves_nothing_behind():
    server = RedisServer().start()
    try:
        client = redis.Redis.from_url(server.url())
        client.set("greeting", "hello")
        assert client.get("greeting") == b"hello"
    finally:
        server.close()
    assert not server.folder.exists()
    with pytest.raises(redis.ConnectionError):
        redis.Redis.from_url(server.url(), socket_connect_timeout=2).ping()
