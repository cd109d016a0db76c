"""/healthz tells a load balancer whether to send traffic, and a Redis outage never takes pages down."""

import socket

import pytest
from django.core.cache import cache
from django.core.cache.backends.redis import RedisCacheClient
from django.db.utils import ConnectionHandler
from django.urls import reverse
from redis.exceptions import ConnectionError as RedisConnectionError

from scarguide import health
from scarguide.cache import ForgivingRedisCache

pytestmark = pytest.mark.django_db


def unused_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def database_down(monkeypatch):
    """The default database pointed at an address where no PostgreSQL listens."""
    unreachable = ConnectionHandler(
        {
            "default": {
                "ENGINE": "django.db.backends.postgresql",
                "NAME": "scarguide",
                "USER": "postgres",
                "HOST": "127.0.0.1",
                "PORT": str(unused_port()),
                "OPTIONS": {"connect_timeout": 2},
            }
        }
    )["default"]
    monkeypatch.setattr(health, "connection", unreachable)


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "scarguide.cache.ForgivingRedisCache",
            "LOCATION": f"redis://127.0.0.1:{unused_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }


def test_healthy_when_database_and_cache_answer(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_unavailable_when_the_database_does_not_answer(client, database_down, caplog):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "down", "cache": "ok"}
    assert "OperationalError" in caplog.text


def test_health_answer_names_no_host_or_error(client, database_down):
    body = client.get("/healthz").content.decode()
    for internal in ("127.0.0.1", "postgres", "Error", "refused", "Traceback"):
        assert internal not in body


def test_answers_a_probe_by_ip_address_whatever_the_allowed_hosts(client, settings):
    settings.ALLOWED_HOSTS = ["scars.example-clinic.com"]
    assert client.get("/healthz", HTTP_HOST="10.0.3.17:8000").status_code == 200
    assert client.get(reverse("treatments:home"), HTTP_HOST="10.0.3.17:8000").status_code == 400


def test_redis_down_pages_are_still_served_and_the_outage_is_logged(client, redis_down, treatment, caplog):
    assert client.get(reverse("treatments:home")).status_code == 200
    assert client.get(treatment.get_absolute_url()).status_code == 200
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "degraded"}
    warnings = [record for record in caplog.records if record.name == "scarguide.cache"]
    assert warnings and "ConnectionError" in warnings[0].getMessage()


@pytest.fixture
def real_redis(settings, redis_server):
    settings.CACHES = {"default": {"BACKEND": "scarguide.cache.ForgivingRedisCache", "LOCATION": redis_server.url()}}
    yield cache
    cache.delete("greeting")


def test_cache_is_used_again_once_redis_is_back(real_redis, monkeypatch):
    monkeypatch.setattr(ForgivingRedisCache, "RETRY_SECONDS", 0)
    working_get = RedisCacheClient.get

    def outage(*args, **kwargs):
        raise RedisConnectionError("Connection refused.")

    real_redis.set("greeting", "hello")
    monkeypatch.setattr(RedisCacheClient, "get", outage)
    assert real_redis.get("greeting", "missed") == "missed"
    monkeypatch.setattr(RedisCacheClient, "get", working_get)
    assert real_redis.get("greeting") == "hello"


def test_during_an_outage_redis_is_not_asked_again_for_a_few_seconds(redis_down, monkeypatch):
    cache.get("anything")
    monkeypatch.setattr(RedisCacheClient, "get", lambda *args, **kwargs: pytest.fail("asked Redis during the pause"))
    assert cache.get("anything", "missed") == "missed"
    assert cache.get_or_set("anything", "computed") == "computed"
