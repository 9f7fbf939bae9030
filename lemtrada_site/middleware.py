from django.utils.cache import add_never_cache_headers

# Addresses that carry a secret or a person's own data: authors' private links and treatment plans.
PRIVATE_PREFIXES = ("/stories/mine/", "/planner/")


class PrivatePagesMiddleware:
    """
    Every response under a private address (the page, its withdraw step, a 404, 405 or CSRF
    refusal alike) tells the browser to send on no more than the site's origin, never the address
    itself, so it never reaches another request's headers or a log; and to keep no copy of it, nor
    any proxy. Not "no-referrer": with it, browsers send "Origin: null" with the withdraw form's
    POST, which Django's CSRF check rightly refuses.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(PRIVATE_PREFIXES):
            # A view may be stricter still (the planner's GET-only pages send no Referer at all).
            response.headers.setdefault("Referrer-Policy", "strict-origin")
            add_never_cache_headers(response)
        return response
