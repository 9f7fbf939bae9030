"""
The one page cache: render a public page once, serve it to every anonymous reader until the content
changes.

Public pages change only when someone saves content: an editor or reviewer (a page or side effect),
a moderator (approving, rejecting or editing a story) or an author (withdrawing one). Every such save
changes `updated_at` on its row, in the same transaction; deleting a row changes its table's count.
So the content version is read from the database in one query on every request, and is part of the
cache key, with today's date (a review date that passes overnight shows its notice next morning).
A change shows on the next request to any worker on any machine; nothing is ever purged by hand; and
a cache that is down (lemtrada_site/cache.py makes that a miss) can only make pages slower, never
bring back a withdrawn story. The same version answers `If-None-Match` with 304.

Only anonymous GET and HEAD requests are served from the cache (with no query parameter a public
page doesn't read), and only responses that are the same for everyone are stored: 200, HTML or a
feed, no cookie set, no `Vary: Cookie` (a form's CSRF token sets both), no Cache-Control of its own
(`never_cache` pages), nothing under a private address, the admin or search. A public page added
later is cached without anyone remembering to.
"""

import datetime
import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, get_conditional_response, has_vary_header
from django.utils.http import http_date

from .middleware import PRIVATE_PREFIXES

# Kept a day at most: an old version's pages are never asked for again, so they only need to expire.
TIMEOUT = 24 * 60 * 60
# Never cached: the admin and the editors' Markdown endpoints are staff-only; search results are
# built from what a visitor typed (one copy per query would fill the cache); the rest are private.
NEVER_CACHED_PREFIXES = ("/admin/", "/markdownx/", "/media/", "/search/", *PRIVATE_PREFIXES)
# The query parameters public pages read. An address with any other is served, but not kept: made-up
# parameters must not fill the cache with copies of the same page.
CACHED_QUERY_PARAMETERS = frozenset({"page", "side_effect"})
CACHED_CONTENT_TYPES = ("text/html", "application/atom+xml")
# A proxy may keep a public page for a second and serve it stale while it fetches the next one;
# browsers ask again every time (and get a 304 when nothing changed).
PUBLIC_CACHE_CONTROL = "public, max-age=0, s-maxage=1, stale-while-revalidate=1"
# Cookies that mean the page may be personal: a signed-in session, or a message waiting to be shown.
PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")


def _content_tables():
    """Each content table and the column that changes with every save to it."""
    from pages.models import Page, Review, SideEffect
    from stories.models import Story

    # A clinical sign-off changes what readers see ("Reviewed by ...") without editing the text.
    return [
        *[(model._meta.db_table, "updated_at") for model in (Page, SideEffect, Story)],
        (Review._meta.db_table, "reviewed_at"),
    ]


def content_version():
    """
    The newest change and the number of rows of every content table, in one query. Returns the
    version (a short hash) and the newest change as a datetime (None when there is no content).
    """
    parts = ", ".join(
        f"(SELECT MAX({column}) FROM {table}), (SELECT COUNT(*) FROM {table})" for table, column in _content_tables()
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {parts}")
        row = cursor.fetchone()
    newest = [_as_datetime(value) for value in row[0::2] if value is not None]
    version = hashlib.sha256(repr(row).encode()).hexdigest()[:16]
    return version, max(newest) if newest else None


def _as_datetime(value):
    # SQLite returns MAX() of a datetime column as text.
    if isinstance(value, str):
        from django.utils.dateparse import parse_datetime

        value = parse_datetime(value)
        if value is not None and timezone.is_naive(value):
            value = timezone.make_aware(value, timezone.UTC)
    return value


def is_anonymous(request):
    return not any(name in request.COOKIES for name in PERSONAL_COOKIES)


def _may_be_cached(request):
    return (
        request.method in ("GET", "HEAD")
        and not request.path.startswith(NEVER_CACHED_PREFIXES)
        and set(request.GET) <= CACHED_QUERY_PARAMETERS
    )


def _is_personal(request, response):
    """
    Whether the page carries something of this visitor's: a form's CSRF token or anything from the
    session. (The middleware that set their cookies run after this one, so ask the request.)
    """
    session = getattr(request, "session", None)
    return (
        bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))
        or (session is not None and session.accessed)
        or bool(response.cookies)
        or has_vary_header(response, "Cookie")
    )


def _is_for_everyone(request, response):
    return (
        response.status_code == 200
        and not response.streaming
        and response.get("Content-Type", "").startswith(CACHED_CONTENT_TYPES)
        and not response.has_header("Cache-Control")
        and not _is_personal(request, response)
    )


class PageCacheMiddleware:
    """Last in MIDDLEWARE, so a hit still gets every security header the middleware above adds."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _may_be_cached(request):
            return self.get_response(request)
        if not is_anonymous(request):
            # A signed-in editor or moderator: the page may show their own messages; keep no copy anywhere.
            return self._private(self.get_response(request))

        version, changed = content_version()
        today = timezone.localdate()
        address = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
        etag = f'"{hashlib.sha256(f"{version}:{today}:{address}".encode()).hexdigest()[:24]}"'
        # A page changes when its content does, and at midnight (review notices): whichever came last.
        midnight = timezone.make_aware(datetime.datetime.combine(today, datetime.time()))
        last_modified = int(max(changed, midnight).timestamp() if changed else midnight.timestamp())

        key = f"page:{version}:{today.isoformat()}:{address}"
        stored = cache.get(key)
        if stored is not None:
            content_type, content = stored
            response = HttpResponse(content, content_type=content_type)
        else:
            response = self.get_response(request)
            if not _is_for_everyone(request, response):
                return self._private(response) if _is_personal(request, response) else response
            cache.set(key, (response["Content-Type"], response.content), TIMEOUT)
        # Only a page known to be public answers 304: from the cache, or just rendered (Redis down).
        not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
        return self._public(not_modified or response, etag, last_modified)

    def _private(self, response):
        if not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
        return response

    def _public(self, response, etag, last_modified):
        response["ETag"] = etag
        response["Last-Modified"] = http_date(last_modified)
        response["Cache-Control"] = PUBLIC_CACHE_CONTROL
        # For nginx's micro-cache (deploy/nginx.conf): keep this copy to the end of the current whole
        # second, no longer. s-maxage=1 alone lets nginx keep a copy to the end of the next second.
        response["X-Accel-Expires"] = f"@{int(time.time())}"
        return response
