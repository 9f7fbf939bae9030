"""
How much one client may do in an hour: small counters in the cache.

A stored story uses one of the client's STORY_SUBMISSIONS_PER_HOUR, a preview one of its
STORY_PREVIEWS_PER_HOUR (a separate, generous allowance: an author may preview many times, but
nobody needs hundreds). Form errors and duplicates use up nothing. The counters live in the cache,
which fails open (lemtrada_site/cache.py): if Redis is down, stories are still accepted. Losing a
patient's story matters more than letting a few extra through.
"""

from django.conf import settings
from django.core.cache import cache

from lemtrada_site.clients import client_address

WINDOW_SECONDS = 60 * 60


def _key(request, kind):
    return f"stories:{kind}:{client_address(request)}"


def submissions_exhausted(request):
    return (cache.get(_key(request, "accepted")) or 0) >= settings.STORY_SUBMISSIONS_PER_HOUR


def claim_submission(request):
    """Count one stored story for this client; False once the hour's allowance is used up."""
    return _claim(_key(request, "accepted"), settings.STORY_SUBMISSIONS_PER_HOUR)


def release_submission(request):
    """Give back a claim for a story that was not stored after all (the same form sent twice)."""
    try:
        cache.decr(_key(request, "accepted"))
    except ValueError:  # the hour has run out meanwhile: nothing to give back
        pass


def claim_preview(request):
    """Count one preview for this client; False once the hour's allowance is used up."""
    return _claim(_key(request, "previews"), settings.STORY_PREVIEWS_PER_HOUR)


def _claim(key, allowance):
    """
    Count one for `key`, atomically (a burst sent in parallel can't slip past). add() starts the
    hour at the first claim and incr() counts the others, keeping its expiry. If the hour runs out
    between the two, incr() finds no counter, and we start again: the next add() or incr() counts it.
    """
    for _attempt in range(3):
        if cache.add(key, 1, WINDOW_SECONDS):
            return True
        try:
            count = cache.incr(key)
        except ValueError:
            continue  # expired between add() and incr()
        return count is None or count <= allowance  # None: the cache is down, and fails open
    return True  # the counter keeps vanishing: the cache is not keeping it, and fails open


# The contact form (pages/views.py) has its own allowance, counted the same way: a stored message
# uses one; form errors and duplicates use none.


def feedback_exhausted(request):
    return (cache.get(_key(request, "feedback")) or 0) >= settings.FEEDBACK_PER_HOUR


def claim_feedback(request):
    """Count one stored message for this client; False once the hour's allowance is used up."""
    return _claim(_key(request, "feedback"), settings.FEEDBACK_PER_HOUR)
