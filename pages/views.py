import hashlib
import mimetypes
import sys

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.db import IntegrityError, InterfaceError, OperationalError, connection, transaction
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotModified
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.views.decorators.http import require_http_methods

from lemtrada_site.sources import sources_markdown
from stories.forms import sign_started
from stories.models import Story
from stories.ratelimit import claim_feedback, feedback_exhausted

from . import emails
from .forms import FeedbackForm, page_on_this_site
from .markdown import render_markdown
from .models import HOME_SLUG, Feedback, Page, SideEffect

# The list's bands and urgent signs come from the leaflet's section 4; each entry's page cites its own.
SIDE_EFFECT_LIST_SOURCES = sources_markdown("PL", "Each side effect's own page lists the sources for it.")
SIDE_EFFECT_LIST_SOURCES_HTML = render_markdown(SIDE_EFFECT_LIST_SOURCES)

# How many of the newest stories the front page shows, and a side effect's page shows of those that mention it.
LATEST_STORIES = 3
STORIES_MENTIONING = 10


def home(request):
    page = get_object_or_404(Page.objects.published(), slug=HOME_SLUG)
    stories = Story.objects.published()[:LATEST_STORIES]
    return render(request, "pages/home.html", {"page": page, "stories": stories})


def page_detail(request, slug):
    if slug == HOME_SLUG:
        return redirect("pages:home", permanent=True)
    page = get_object_or_404(Page.objects.published(), slug=slug)
    context = {"page": page}
    if slug == "about":
        context["site_facts"] = {
            "owner": settings.SITE_OWNER,
            "funding": settings.SITE_FUNDING,
            "contact_email": settings.CONTACT_EMAIL,
        }
    return render(request, "pages/page_detail.html", context)


@require_http_methods(["GET", "POST"])
def contact(request):
    """A reader's message to the Editors: stored, listed in the admin, never shown on the site."""
    if request.method == "GET":
        about = page_on_this_site(request.GET.get("page"))
        return render(request, "pages/contact.html", {"form": FeedbackForm(initial={"page": about}), "about": about})

    # The cheap checks first, as on the story form: a client over its allowance gets no further.
    if feedback_exhausted(request):
        return render(request, "rate_limited.html", {"sent": "messages"}, status=429)
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        if "started" in form.errors:  # an expired or too-quick form gets a fresh timer
            form.data = form.data.copy()
            form.data["started"] = sign_started()
        about = page_on_this_site(form.data.get("page"))
        return render(request, "pages/contact.html", {"form": form, "about": about})
    if form.is_spam or Feedback.objects.filter(form_digest=form.form_digest).exists():
        return redirect("pages:contact-thanks")  # a bot, or the same form sent again: nothing stored twice
    if not claim_feedback(request):
        return render(request, "rate_limited.html", {"sent": "messages"}, status=429)
    try:
        with transaction.atomic():
            emails.feedback_received(form.save_message())
    except IntegrityError:
        if not Feedback.objects.filter(form_digest=form.form_digest).exists():
            raise  # some other refusal: the sender sees an error, not thanks
        # The same form, sent twice at once: the other request stored it.
    return redirect("pages:contact-thanks")


def contact_thanks(request):
    return render(request, "pages/contact_thanks.html")


def side_effect_list(request):
    side_effects = list(SideEffect.objects.published())
    bands = [
        (band, SideEffect.band_heading(band), [effect for effect in side_effects if effect.band == band])
        for band in SideEffect.Band  # declaration order: very common first, those with no frequency given last
    ]
    # Get help straight away: the 999 signs first, then those for the MS team immediately.
    order = list(SideEffect.Band)
    urgent = sorted(
        (effect for effect in side_effects if effect.urgent),
        key=lambda effect: (not effect.emergency, order.index(effect.band), effect.position),
    )
    return render(
        request,
        "pages/side_effect_list.html",
        {
            "urgent_side_effects": urgent,
            "bands": [(band, heading, effects) for band, heading, effects in bands if effects],
            "review_dates": _review_dates(side_effects),
            "sources": SIDE_EFFECT_LIST_SOURCES_HTML,
        },
    )


def side_effect_detail(request, slug):
    side_effect = get_object_or_404(SideEffect.objects.published(), slug=slug)
    stories = Story.objects.published().filter(side_effects=side_effect)[:STORIES_MENTIONING]
    return render(request, "pages/side_effect_detail.html", {"side_effect": side_effect, "stories": stories})


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
    Uploads, when the app serves them (SERVE_MEDIA=1, and always with object storage; see
    docs/deploy.md). A story photo is shown only while its story is approved (moderators see any),
    so a pending, rejected or withdrawn story's photo stays private even to someone who knows its
    name. They are images the site re-encoded itself, sent with nosniff and no-cache (a story photo
    may be withdrawn at any time); the random name never changes its content, so it is the ETag.
    """
    if not settings.SERVE_MEDIA or not _upload_is_public(request, path):
        raise Http404("No such upload.")
    etag = f'"{hashlib.sha256(path.encode()).hexdigest()[:32]}"'
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
    else:
        try:
            upload = default_storage.open(path)
        except (OSError, SuspiciousFileOperation):
            raise Http404("No such upload.") from None
        response = FileResponse(upload, content_type=mimetypes.guess_type(path)[0] or "application/octet-stream")
    response["ETag"] = etag
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-cache"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    return response


def _upload_is_public(request, path):
    """Editors' images are public (pages show them); a story photo only while its story is approved."""
    top, _, rest = path.partition("/")
    if not rest or ".." in path.split("/"):
        return False
    if top == "editor":
        return True
    if top == "stories":
        if request.user.has_perm("stories.view_story"):
            return True
        return Story.objects.published().filter(photo=path).exists()
    return False


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


def _review_dates(side_effects):
    """
    The list is reviewed only when every entry is, and due when the first one is. It reads the review
    dates each row copies from its latest sign-off, so the list costs no query per side effect.
    """
    if not side_effects:
        return None
    return {
        "all_reviewed": all(effect.last_reviewed for effect in side_effects),
        "next_review_due": min(filter(None, (effect.next_review_due for effect in side_effects)), default=None),
        "updated_at": max(effect.updated_at for effect in side_effects),
        "overdue": any(effect.is_overdue_for_review for effect in side_effects),
    }
