"""What the page cache holds right now, whichever backend it is on (a process's memory or Redis)."""

import pickle

from django.core.cache import caches

from lemtrada_site import page_cache
from lemtrada_site.cache import LocalPageCache


def stored():
    """Every key the page cache holds (as the page cache names them), with its value as raw bytes."""
    cache = caches[page_cache.CACHE]
    prefix = cache.make_key("")
    if isinstance(cache, LocalPageCache):
        with cache._lock:
            items = [(key, value) for key, value in cache._cache.items() if not cache._has_expired(key)]
    else:
        client = cache._cache.get_client(write=False)
        items = [(key.decode(), client.get(key)) for key in client.scan_iter(match=f"{prefix}*")]
    return {key.removeprefix(prefix): value for key, value in items if value is not None}


def page_copies():
    """The stored pages (not the list indexes or sweep marks): key -> the page's HTML."""
    copies = {}
    for key, value in stored().items():
        if key.startswith(page_cache.PREFIX):
            value = pickle.loads(value)
            if isinstance(value, tuple) and len(value) == 3 and isinstance(value[1], bytes):
                copies[key] = value[1].decode()
    return copies
