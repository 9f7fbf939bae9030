"""
The site-level views: the front page (an information page with the newest stories under it), the
health check, the favicon, uploads, robots.txt and the error pages.
"""

import hashlib
import mimetypes
import sys

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.db import InterfaceError, OperationalError, connection
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotModified
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse

from pages.editor import EDITOR_IMAGE
from pages.models import HOME_SLUG, Page
from stories.models import Story

# How many of the newest stories the front page shows.
LATEST_STORIES = 3


def home(request):
    page = get_object_or_404(Page.objects.published(), slug=HOME_SLUG)
    stories = Story.objects.published()[:LATEST_STORIES]
    return render(request, "pages/home.html", {"page": page, "stories": stories})


def healthz(request):
    """200 when the database answers; the load balancer and the uptime check ask this."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def favicon(request):
    # Looked up per request: the hashed static name exists only once collectstatic has run.
    return redirect(static("img/favicon.svg"), permanent=True)


def media(request, path):
    """
    Uploads, when the app serves them (SERVE_MEDIA=1, behind nginx with MEDIA_ACCEL_REDIRECT, and always
    with object storage; see docs/deploy.md). Editors' images are public (pages show them); a story
    photo is shown only when the story's rules say so (Story.objects.photo_is_shown). They are images
    the site re-encoded itself, sent with nosniff and no-cache (a story photo may be withdrawn at any
    time); the random name never changes its content, so it is the ETag. Behind nginx, with uploads on
    local disk, the app decides and nginx sends the file (X-Accel-Redirect to its internal location).
    """
    if not settings.SERVE_MEDIA or not _upload_is_public(request, path):
        raise Http404("No such upload.")
    etag = f'"{hashlib.sha256(path.encode()).hexdigest()[:32]}"'
    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
    elif settings.MEDIA_ACCEL_REDIRECT:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = f"{settings.MEDIA_ACCEL_REDIRECT}{path}"
    else:
        try:
            upload = default_storage.open(path)
        except (OSError, SuspiciousFileOperation):
            raise Http404("No such upload.") from None
        response = FileResponse(upload, content_type=content_type)
    response["ETag"] = etag
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-cache"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    return response


def _upload_is_public(request, path):
    """Only names the site gives out (pages/images.py): an editor's image, or a story photo its rules allow."""
    return bool(EDITOR_IMAGE.fullmatch(path)) or Story.objects.photo_is_shown(path, to=request.user)


def robots_txt(request):
    """Crawlers may read the site, but not the admin, the story form, private links, plans or search results."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /markdownx/",
        "Disallow: /stories/mine/",
        "Disallow: /stories/share/",
        "Disallow: /search/",
        "Disallow: /planner/plan",  # a person's own plan: its dates are in the address
        "",
        f"Sitemap: {settings.SITE_URL}{reverse('sitemap')}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def csrf_failure(request, reason=""):
    """A kind 403 for an expired or missing form token (usually a form left open too long)."""
    return render(request, "403_csrf.html", status=403)


def server_error(request):
    """
    The 500 handler. A database that cannot be reached is an outage, not a bug: say 503, kindly.
    Neither page touches the database, so both render whatever is down.
    """
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        return HttpResponse(render_to_string("503.html"), status=503)
    return HttpResponse(render_to_string("500.html"), status=500)
