"""
A Redis cache that fails open.

The public pages cache their rendered Markdown (the expensive part) under keys that include the
content's last change, so an editor's change shows at once (see templates/pages/). Story listings
are not cached: a withdrawn story must disappear at once, from every worker.
"""

import functools
import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


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
