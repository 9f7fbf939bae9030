"""
A Redis cache that fails open, behind a circuit breaker.

This is the one place that decides what a Redis outage means: the site keeps serving, as if every
lookup were a miss, and callers (the story rate limit included) never see a Redis error. A Redis
that is down answers at once, but one that hangs costs a socket timeout (0.5 s, settings.CACHES) on
every call; so after a failure this process stops asking for BREAK_SECONDS, logs that once, and
logs once more when Redis answers again.
"""

import functools
import logging
import threading
import time
from fnmatch import fnmatchcase

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

BREAK_SECONDS = 30


class CircuitBreaker:
    """Per process: open (don't call) for a while after a failure; closed again after a success."""

    def __init__(self, seconds):
        self.seconds = seconds
        self._lock = threading.Lock()
        self.reset()

    def reset(self):
        self.open_until, self.broken = 0.0, False

    def allows_a_call(self):
        return time.monotonic() >= self.open_until

    def failed(self, error):
        with self._lock:
            self.open_until = time.monotonic() + self.seconds
            first = not self.broken
            self.broken = True
        if first:
            logger.warning(
                "Cache unavailable (%s); serving without it, and trying again every %s s",
                error.__class__.__name__,
                self.seconds,
            )

    def succeeded(self):
        if self.broken:
            with self._lock:
                was_broken, self.broken = self.broken, False
            if was_broken:
                logger.warning("Cache available again")


breaker = CircuitBreaker(BREAK_SECONDS)


def _fail_open(default=None):
    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if not breaker.allows_a_call():
                return default() if callable(default) else default
            try:
                result = method(self, *args, **kwargs)
            except RedisError as error:
                breaker.failed(error)
                return default() if callable(default) else default
            breaker.succeeded()
            return result

        return wrapper

    return decorate


class FailOpenRedisCache(RedisCache):
    """Django's Redis cache, except that an unreachable Redis is a cache miss, not an error page."""

    get = _fail_open()(RedisCache.get)
    get_many = _fail_open(dict)(RedisCache.get_many)
    has_key = _fail_open(False)(RedisCache.has_key)
    set = _fail_open()(RedisCache.set)
    set_many = _fail_open(list)(RedisCache.set_many)
    add = _fail_open(False)(RedisCache.add)
    touch = _fail_open(False)(RedisCache.touch)
    incr = _fail_open()(RedisCache.incr)
    delete = _fail_open(False)(RedisCache.delete)
    delete_many = _fail_open()(RedisCache.delete_many)
    clear = _fail_open(False)(RedisCache.clear)

    @_fail_open()
    def delete_matching(self, pattern, *, keep=None):
        """
        Delete every key matching the glob `pattern` but those matching `keep`. SCAN walks the keys a
        batch at a time, so Redis keeps answering everyone else meanwhile.
        """
        client = self._cache.get_client(write=True)
        spare = keep and self.make_key(keep)
        doomed = [
            key
            for key in client.scan_iter(match=self.make_key(pattern), count=1000)
            if not (spare and fnmatchcase(key.decode(), spare))
        ]
        for start in range(0, len(doomed), 1000):
            client.unlink(*doomed[start : start + 1000])


class LocalPageCache(LocMemCache):
    """Django's local-memory cache (one process's own), with the same delete_matching as the Redis one."""

    def delete_matching(self, pattern, *, keep=None):
        match, spare = self.make_key(pattern), keep and self.make_key(keep)
        with self._lock:
            for key in [key for key in self._cache if fnmatchcase(key, match)]:
                if not (spare and fnmatchcase(key, spare)):
                    self._delete(key)
