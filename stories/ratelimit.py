"""
How many stories one client may send: a small counter in the cache.

The counter fails open: if the cache (Redis) is down, stories are still accepted and a warning is
logged. Losing a patient's story matters more than letting a few extra through.
"""

import logging

from django.conf import settings
from django.core.cache import cache

from lemtrada_site.clients import client_address

logger = logging.getLogger(__name__)

WINDOW_SECONDS = 60 * 60


def _key(request):
    return f"stories:accepted:{client_address(request)}"


def submissions_exhausted(request):
    try:
        return (cache.get(_key(request)) or 0) >= settings.STORY_SUBMISSIONS_PER_HOUR
    except Exception:
        logger.warning("Story rate limit unavailable (cache down); letting the submission through", exc_info=True)
        return False


def claim_submission(request):
    """
    Count one accepted story for this client, atomically (a burst sent in parallel can't slip
    past); False once the hour's allowance is used up.
    """
    key = _key(request)
    try:
        # add() starts the hour at the first accepted story; incr() keeps its expiry.
        if cache.add(key, 1, WINDOW_SECONDS):
            return True
        count = cache.incr(key)
    except ValueError:  # the hour ran out between add() and incr()
        return cache.add(key, 1, WINDOW_SECONDS) or True
    except Exception:
        logger.warning("Story rate limit unavailable (cache down); letting the submission through", exc_info=True)
        return True
    return count is None or count <= settings.STORY_SUBMISSIONS_PER_HOUR
