"""The Redis cache, made forgiving: when Redis is away the site still serves pages, only slower."""

import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


class ForgivingRedisCache(RedisCache):
    """Answers "not cached" while Redis is unreachable, logs the outage, and uses Redis again once it is back.

    After a failure the process stops asking Redis for `RETRY_SECONDS`, so an outage costs each page
    nothing rather than a socket timeout per cache call; the next call after that tries Redis again.
    """

    RETRY_SECONDS = 5

    def __init__(self, server, params):
        super().__init__(server, params)
        self._down_until = 0.0

    def _forgiving(self, operation, fallback, *args, **kwargs):
        if time.monotonic() < self._down_until:
            return fallback
        try:
            result = operation(*args, **kwargs)
        except RedisError as error:  # refused, timed out, or not answering as Redis
            self._down_until = time.monotonic() + self.RETRY_SECONDS
            # The exception's class only: its text can name hosts, and keys can carry request details.
            logger.warning(
                "Cache unavailable (%s); serving without it for %s s.", type(error).__name__, self.RETRY_SECONDS
            )
            return fallback
        return result

    def add(self, key, value, timeout=None, version=None):
        return self._forgiving(super().add, False, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._forgiving(super().get, default, key, default, version)

    def set(self, key, value, timeout=None, version=None):
        return self._forgiving(super().set, None, key, value, timeout, version)

    def touch(self, key, timeout=None, version=None):
        return self._forgiving(super().touch, False, key, timeout, version)

    def delete(self, key, version=None):
        return self._forgiving(super().delete, False, key, version)

    def get_many(self, keys, version=None):
        return self._forgiving(super().get_many, {}, keys, version)

    def has_key(self, key, version=None):
        return self._forgiving(super().has_key, False, key, version)

    def incr(self, key, delta=1, version=None):
        result = self._forgiving(super().incr, None, key, delta, version)
        if result is None:
            raise ValueError(f"Key '{key}' not found (the cache is unavailable).")
        return result

    def set_many(self, data, timeout=None, version=None):
        return self._forgiving(super().set_many, list(data), data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._forgiving(super().delete_many, None, keys, version)

    def clear(self):
        return self._forgiving(super().clear, False)
