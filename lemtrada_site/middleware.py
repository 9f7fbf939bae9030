from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

# Addresses that carry a secret or a person's own data: authors' private links, the photo they chose
# before sending, and treatment plans.
PRIVATE_PREFIXES = ("/stories/mine/", "/stories/share/photo/", "/planner/")


class PermissionsPolicyMiddleware:
    """
    `Permissions-Policy` on every response (pages from the page cache, static files, uploads, errors): the
    browser features in settings.PERMISSIONS_POLICY are allowed only to the origins listed there, none
    for most. Near the top of MIDDLEWARE, so every response below passes through it.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(origins)})" for feature, origins in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response


class PrivatePagesMiddleware:
    """
    Every response under a private address (the page, its withdraw step, a 404 or 405 alike)
    tells the browser to send no Referer from it, so the address never reaches another request's
    headers or a log; and to keep no copy of it, nor any proxy. (With no Referer, browsers send
    "Origin: null" with a form's POST: the withdraw step, whose authority is the secret in its
    address, takes no CSRF cookie for that reason; see stories/views.py.)
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(PRIVATE_PREFIXES):
            response.headers["Referrer-Policy"] = "no-referrer"
            add_never_cache_headers(response)
        return response


class RequestTooLarge(RequestDataTooBig):
    """Django answers it as a refused request (logged as a security warning, not an error)."""


class _CappedStream:
    """The request body, read through a count: past `limit` bytes, reading stops with RequestTooLarge."""

    def __init__(self, stream, limit):
        self.stream, self.limit, self.read_so_far, self.overflowed = stream, limit, 0, False

    def read(self, size=-1):
        return self._count(self.stream.read(self.limit + 1 - self.read_so_far if size is None or size < 0 else size))

    def readline(self, size=-1):
        return self._count(self.stream.readline(size))

    def seekable(self):
        return False  # so Django reads through the count, not around it

    def close(self):
        self.stream.close()

    def _count(self, data):
        self.read_so_far += len(data)
        if self.read_so_far > self.limit:
            self.overflowed = True
            raise RequestTooLarge(f"The request body passed {self.limit} bytes")
        return data


class RequestSizeLimitMiddleware:
    """
    Refuse a request body larger than any the site accepts (a story with its photo). A declared
    Content-Length over the limit is refused before anything reads the body (CSRF checking would
    otherwise parse the whole upload first); a body without one (chunked) or one that is longer than
    it said is counted as it is read, and stopped at the limit. Behind nginx, client_max_body_size
    does the same job earlier (docs/deploy.md).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > settings.REQUEST_MAX_BYTES:
            return self.too_large(request)
        body = request._stream = _CappedStream(request._stream, settings.REQUEST_MAX_BYTES)
        response = self.get_response(request)
        # Whoever read the body (CSRF, a form) failed on RequestTooLarge; say what really happened.
        return self.too_large(request) if body.overflowed else response

    def too_large(self, request):
        return render(request, "stories/too_large.html", status=413)
