"""
The one page cache: render a public page once, serve it to every anonymous reader until what it shows
changes.

Public pages change only when what they show changes, and the database knows when that is: the content
version (lemtrada_site/content_version.py) is one row that database triggers move in the same
transaction as any such change, however it is written. It is read in one primary-key lookup on every
request and is part of the cache key, with today's date (a review date that passes overnight shows its
notice next morning). So a change shows on the next request to any worker on any machine; a cache that
is down (lemtrada_site/cache.py makes that a miss) can only make pages slower, never bring back a
withdrawn story. The same version answers `If-None-Match` with 304, and dates `Last-Modified`, which
never goes backwards.

When a process first sees a new version, the copies of every older one are deleted (one process does
it, for a shared Redis): a withdrawn story's words don't stay in the cache, and the cache holds at most
one copy of each page, of the current version.

Only anonymous GET and HEAD requests are served from the cache, and only responses that are the same
for everyone are stored: 200, HTML or a feed, no cookie set, no `Vary: Cookie` (a form's CSRF token
sets both), no Cache-Control of its own (`never_cache` pages), nothing under a private address, the
admin or search. And only at the one address the page links to itself: a view that reads query
parameters names their one form (`canonical_query()`); any other address (`?page=01`, `?utm_source=`,
`/side-effects/?page=2`) is served but not kept, so nobody can fill the cache with copies. A public
page added later is cached without anyone remembering to.
"""

import datetime
import hashlib
import time

from django.conf import settings
from django.core.cache import caches
from django.core.signals import request_finished
from django.dispatch import receiver
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, get_conditional_response, has_vary_header
from django.utils.http import http_date

from . import content_version as versions
from .middleware import PRIVATE_PREFIXES

# The cache alias for page copies: Redis in production (PAGE_CACHE_URL, or REDIS_URL's), memory otherwise.
CACHE = "pages"
# Copies of an older version are deleted when a newer one is first seen; whatever a race leaves behind
# goes within the hour.
TIMEOUT = 60 * 60
# Never cached: the admin and the editors' Markdown endpoints are staff-only; search results are
# built from what a visitor typed (one copy per query would fill the cache); the rest are private.
NEVER_CACHED_PREFIXES = ("/admin/", "/markdownx/", "/media/", "/search/", *PRIVATE_PREFIXES)
CACHED_CONTENT_TYPES = ("text/html", "application/atom+xml")
# Headers the middleware after this one gave the page (settings.MIDDLEWARE), kept with it: a page from
# the cache carries them as rendered. (A page that used a CSP nonce is never kept: a nonce is for one
# response only.)
KEPT_HEADERS = ("Content-Security-Policy", "Content-Security-Policy-Report-Only", "X-Frame-Options")
# A proxy may keep a public page for a second and serve it stale for one more while it fetches the next
# one; browsers ask again every time (and get a 304 when nothing changed).
PUBLIC_CACHE_CONTROL = "public, max-age=0, s-maxage=1, stale-while-revalidate=1"
# Cookies that mean the page may be personal: a signed-in session, or a message waiting to be shown.
PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")
# Every page copy's key starts with it, so old copies can be found and deleted.
PREFIX = "page:"
# The newest version whose old copies were deleted, and one key per version saying that was done.
NEWEST, SWEPT = "sweep:newest", "sweep:"


class Version:
    """The content version as one request sees it: what keys and ETags are made of, and its dates."""

    __slots__ = ("changed", "dates", "previous", "token")

    def __init__(self, row):
        number, self.changed, self.previous = versions.parse(row) if row else (0, None, None)
        # The time as well as the number: a database restored from a backup counts the same numbers again.
        self.token = f"{number}.{int(self.changed.timestamp() * 1_000_000) if self.changed else 0}"
        self.dates = {}

    def key(self, *parts):
        return PREFIX + ":".join([self.token, *parts])

    def last_modified(self, today):
        """
        When a page last changed, seen on `today`: when its content did, or at midnight (review notices),
        whichever came last; and whether an earlier version may carry the same date, to the second.
        """
        if today not in self.dates:
            midnight = timezone.make_aware(datetime.datetime.combine(today, datetime.time())).timestamp()
            changed = self.changed.timestamp() if self.changed else 0
            last_modified = int(max(changed, midnight))
            previous = self.previous.timestamp() if self.previous else 0
            same_second = changed > midnight and int(max(previous, midnight)) == last_modified
            self.dates = {today: (last_modified, http_date(last_modified), same_second)}
        return self.dates[today]


# The version this process read last, kept while the database says the same.
_last_read = (None, None)


def content_version():
    global _last_read
    row = versions.read()
    if row != _last_read[0]:
        _last_read = (row, Version(row))
    return _last_read[1]


def version_for(request):
    """The version this request is served from (read once, by the middleware), for views that cache by it."""
    version = getattr(request, "content_version", None)
    if version is None:
        version = request.content_version = content_version()
    return version


def canonical_query(request, query):
    """
    For a view that reads query parameters: `query` is the one form of them that it links to (as
    `urlencode()` writes it; "" for none). The page is kept only when its address has exactly that query.
    """
    request.page_cache_query = query


def is_anonymous(request):
    return not any(name in request.COOKIES for name in PERSONAL_COOKIES)


def _may_be_cached(request):
    return request.method in ("GET", "HEAD") and not request.path.startswith(NEVER_CACHED_PREFIXES)


def _is_personal(request, response):
    """
    Whether the page carries something of this visitor's: a form's CSRF token or anything from the
    session (their middleware come after this one: by now they have set their cookies and Vary).
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
        and "'nonce-" not in response.get("Content-Security-Policy", "")
        and not _is_personal(request, response)
    )


def _is_canonical(request):
    return request.META.get("QUERY_STRING", "") == getattr(request, "page_cache_query", "")


def forget_old_copies(version=None):
    """
    Delete every page copy but those of the current version: erasure (a withdrawn story's words), and
    a bound on memory (one copy of each page). Called when a process first sees a new version, and when
    a withdrawal commits.
    """
    version = version or content_version()
    _mark_newest(version)
    caches[CACHE].delete_matching(f"{PREFIX}*", keep=version.key("*"))


def _mark_newest(version):
    # Before any deletion, so a page rendered from an older version and stored afterwards is noticed.
    caches[CACHE].set(NEWEST, version.token, TIMEOUT)


# Versions whose old copies are to be forgotten when the current response has been sent.
_after_response = []


@receiver(request_finished)
def _forget_old_copies_after_response(**kwargs):
    while _after_response:
        forget_old_copies(_after_response.pop())


class PageCacheMiddleware:
    """
    Early in settings.MIDDLEWARE, so a hit costs little: after the security middleware (its redirect to
    HTTPS, and the headers it adds to every response, hits included); before the ones only a rendered
    page needs (sessions, CSRF, the signed-in user, messages, history) and those whose headers are kept
    with the page (KEPT_HEADERS: the Content-Security-Policy and X-Frame-Options it was rendered with).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        # The newest version this process has seen: a newer one means the older copies can go.
        self.seen = None

    def __call__(self, request):
        if not _may_be_cached(request):
            return self.get_response(request)
        if not is_anonymous(request):
            # A signed-in editor or moderator: the page may show their own messages; keep no copy anywhere.
            return self._private(self.get_response(request))

        version = version_for(request)
        if version.token != self.seen:
            self._first_sight(version)
        cache = caches[CACHE]
        today = timezone.localdate()
        path = request.get_full_path()
        address = hashlib.sha256(path.encode()).hexdigest()[:32]
        key = version.key(today.isoformat(), address)
        stored = cache.get(key)
        if stored is not None:
            content_type, content, headers = stored
            response = HttpResponse(content, content_type=content_type, headers=headers)
            response["Content-Length"] = len(content)  # CommonMiddleware, which would add it, comes later
        else:
            response = self.get_response(request)
            if not _is_for_everyone(request, response) or not _is_canonical(request):
                if response.status_code == 404 and not response.has_header("Cache-Control"):
                    # Tells nginx to replace its copy of a page that is gone (a withdrawn story) at once.
                    response["X-Accel-Expires"] = f"@{int(time.time())}"
                return self._private(response) if _is_personal(request, response) else response
            kept = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
            cache.set(key, (response["Content-Type"], response.content, kept), TIMEOUT)
            if cache.get(NEWEST) not in (None, version.token):
                # The content changed while this page was rendered, and the older copies are already
                # gone: don't leave this one behind.
                cache.delete(key)
        return self._public(request, response, version, today, address)

    def _first_sight(self, version):
        # One process per version forgets the old copies (a shared Redis needs it done once; a process's
        # own memory needs each process to do it, and there `add` is per process too), once this
        # response has gone: nobody waits for it.
        if caches[CACHE].add(f"{SWEPT}{version.token}", 1, TIMEOUT):
            _mark_newest(version)
            _after_response.append(version)
        self.seen = version.token

    def _private(self, response):
        if not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
        return response

    def _public(self, request, response, version, today, address):
        etag = f'"{hashlib.sha256(f"{version.token}:{today}:{address}".encode()).hexdigest()[:24]}"'
        last_modified, last_modified_header, same_second = version.last_modified(today)
        # Only a page known to be public answers 304: from the cache, or just rendered (Redis down). A copy
        # dated the same second as an earlier version may be that version's, so If-Modified-Since must
        # then be later than that second (If-None-Match, which browsers and nginx send, always tells).
        not_modified = get_conditional_response(
            request, etag=etag, last_modified=last_modified + 1 if same_second else last_modified
        )
        response = not_modified or response
        response["ETag"] = etag
        response["Last-Modified"] = last_modified_header
        response["Cache-Control"] = PUBLIC_CACHE_CONTROL
        # For nginx's micro-cache (deploy/nginx.conf): keep this copy to the end of the current whole
        # second, no longer. s-maxage=1 alone lets nginx keep a copy to the end of the next second. After
        # Cache-Control: nginx 1.22 reads stale-while-revalidate only from one that comes before it.
        response["X-Accel-Expires"] = f"@{int(time.time())}"
        return response
