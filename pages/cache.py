"""
Caching for the public pages, and a Redis cache that fails open.

Rendered Markdown is cached under a key that includes the content's last change, so an edit is
seen at once. Fragments that list stories are keyed by a "stories version" that every change to a
story (or a side effect it mentions) moves on.
"""

import functools
import logging
import time

from django.core.cache import cache
from django.core.cache.backends.redis import RedisCache
from django.db import transaction
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

STORIES_VERSION_KEY = "stories-version"


def _fail_open(default=None):
    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except RedisError as error:
                logger.warning("Cache unavailable (%s); serving without it", error.__class__.__name__)
                return default() if callable(default) else default

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


def stories_version():
    version = cache.get(STORIES_VERSION_KEY)
    if version is None:
        version = time.time_ns()
        cache.set(STORIES_VERSION_KEY, version, None)
    return version


def stories_changed(**kwargs):
    """Receiver for any change to what story listings show: the next request renders them afresh."""
    _bump()
    # Again once committed, in case a request cached the old listing in between.
    transaction.on_commit(_bump)


def _bump():
    cache.set(STORIES_VERSION_KEY, time.time_ns(), None)
