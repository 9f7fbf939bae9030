from django.conf import settings
from django.shortcuts import render


class RequestSizeLimitMiddleware:
    """
    Refuse a request body larger than any the site accepts (a story with its photo) before
    anything reads it: CSRF checking would otherwise parse the whole upload first. Behind nginx,
    client_max_body_size does the same job earlier (docs/deploy.md).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.REQUEST_MAX_BYTES:
            return render(request, "stories/too_large.html", status=413)
        return self.get_response(request)
