"""
How much one client may do in an hour: small counters in the cache, one per allowance and client.

A stored story uses one of the client's STORY_SUBMISSIONS_PER_HOUR, a preview one of its
STORY_PREVIEWS_PER_HOUR (a separate, generous allowance: an author may preview many times, but
nobody needs hundreds), and a stored message from the contact form one of its FEEDBACK_PER_HOUR.
Form errors and duplicates use up nothing. The counters live in the cache, which fails open
(lemtrada_site/cache.py): if Redis is down, stories are still accepted. Losing a patient's story
matters more than letting a few extra through.
"""

from django.conf import settings
from django.core.cache import cache

from .clients import client_address

WINDOW_SECONDS = 60 * 60


class HourlyAllowance:
    """`setting` names how many a client may use in an hour; `sent` names them for the 429 page."""

    def __init__(self, name, *, setting, sent=""):
        self.name, self.setting, self.sent = name, setting, sent

    def __repr__(self):
        return f"<HourlyAllowance {self.name}: {self.setting}>"

    @property
    def per_hour(self):
        return getattr(settings, self.setting)

    def _key(self, request):
        return f"{self.name}:{client_address(request)}"

    def exhausted(self, request):
        """Whether this client has used up the hour's allowance (counts nothing)."""
        return (cache.get(self._key(request)) or 0) >= self.per_hour

    def claim(self, request):
        """
        Count one for this client, atomically (a burst sent in parallel can't slip past); False once
        the hour's allowance is used up. add() starts the hour at the first claim and incr() counts the
        others, keeping its expiry. If the hour runs out between the two, incr() finds no counter, and
        we start again: the next add() or incr() counts it.
        """
        key = self._key(request)
        for _attempt in range(3):
            if cache.add(key, 1, WINDOW_SECONDS):
                return True
            try:
                count = cache.incr(key)
            except ValueError:
                continue  # expired between add() and incr()
            return count is None or count <= self.per_hour  # None: the cache is down, and fails open
        return True  # the counter keeps vanishing: the cache is not keeping it, and fails open

    def release(self, request):
        """Give back a claim for something that was not stored after all (the same form sent twice)."""
        try:
            cache.decr(self._key(request))
        except ValueError:  # the hour has run out meanwhile: nothing to give back
            pass


story_submissions = HourlyAllowance("stories:accepted", setting="STORY_SUBMISSIONS_PER_HOUR", sent="stories")
story_previews = HourlyAllowance("stories:previews", setting="STORY_PREVIEWS_PER_HOUR", sent="previews")
feedback_messages = HourlyAllowance("feedback", setting="FEEDBACK_PER_HOUR", sent="messages")
