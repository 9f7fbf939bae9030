from django.utils.cache import add_never_cache_headers

# Addresses that carry a secret or a person's own data: authors' private links (and treatment plans).
PRIVATE_PREFIXES = ("/stories/mine/",)


class PrivatePagesMiddleware:
    """
    Every response under a private address (the page, its withdraw step, a 404, 405 or CSRF
    refusal alike) tells the browser to send no Referer from it, so the address never reaches
    another request's headers or a log; and to keep no copy of it, nor any proxy.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(PRIVATE_PREFIXES):
            response.headers["Referrer-Policy"] = "no-referrer"
            add_never_cache_headers(response)
        return response
