"""
Django's Redis cache, made to fail soft.

The portal keeps nothing in the cache that it cannot do without: Wagtail's
site lookups, rate-limit counters, the day's view counters. With Django's
own backend a Redis that is down turns every page into a 500, since Wagtail
asks the cache for its site root paths on each request. This backend turns a
Redis error into a cache miss instead: reads find nothing, writes are
dropped, and `incr` raises the `ValueError` of a missing key, which
django-ratelimit and the view counter already treat as "no count". Rate
limits are then lifted (`RATELIMIT_FAIL_OPEN`, and allauth's find no
history) and views are not counted; pages, posts and sign-ins go on.

After an error the backend stops asking Redis for `RETRY_AFTER` seconds, so
that a Redis that hangs costs one timeout, not one per cache call. Outages
are logged once each, without keys or values.
"""

import functools
import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_AFTER = 5.0


def fail_soft(fallback):
    """Answer `fallback(*args, **kwargs)` when Redis fails or recently failed."""

    def decorate(method):
        @functools.wraps(method)
        def call(self, *args, **kwargs):
            if time.monotonic() < self.down_until:
                return fallback(*args, **kwargs)
            try:
                result = method(self, *args, **kwargs)
            except RedisError as error:
                if not self.down_until:
                    logger.warning(
                        "Cache: Redis fails (%s); serving without it",
                        type(error).__name__,
                    )
                self.down_until = time.monotonic() + RETRY_AFTER
                return fallback(*args, **kwargs)
            if self.down_until:
                logger.info("Cache: Redis answers again")
                self.down_until = 0.0
            return result

        return call

    return decorate


def missing(key, *args, **kwargs):
    raise ValueError(f"Key '{key}' not found: the cache does not answer")


class FailSoftRedisCache(RedisCache):
    down_until = 0.0

    @fail_soft(lambda key, default=None, version=None: default)
    def get(self, key, default=None, version=None):
        return super().get(key, default, version)

    @fail_soft(lambda *args, **kwargs: {})
    def get_many(self, keys, version=None):
        return super().get_many(keys, version)

    @fail_soft(lambda *args, **kwargs: False)
    def has_key(self, key, version=None):
        return super().has_key(key, version)

    # As if the key were new: a lock built on `add` (allauth's rate limits
    # take one) lets the request through instead of waiting for it.
    @fail_soft(lambda *args, **kwargs: True)
    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return super().add(key, value, timeout, version)

    @fail_soft(lambda *args, **kwargs: None)
    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return super().set(key, value, timeout, version)

    @fail_soft(lambda data, *args, **kwargs: list(data))
    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return super().set_many(data, timeout, version)

    @fail_soft(lambda *args, **kwargs: False)
    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return super().touch(key, timeout, version)

    @fail_soft(missing)
    def incr(self, key, delta=1, version=None):
        return super().incr(key, delta, version)

    @fail_soft(lambda *args, **kwargs: False)
    def delete(self, key, version=None):
        return super().delete(key, version)

    @fail_soft(lambda *args, **kwargs: None)
    def delete_many(self, keys, version=None):
        return super().delete_many(keys, version)

    @fail_soft(lambda *args, **kwargs: None)
    def clear(self):
        return super().clear()
