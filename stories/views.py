import mimetypes

from django.core.files.storage import default_storage
from django.core.paginator import EmptyPage
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from lemtrada_site import page_cache
from lemtrada_site.allowances import story_previews
from lemtrada_site.forms import digest_of, receive
from lemtrada_site.storage import UPLOAD_ERRORS
from pages.models import SideEffect

from . import emails, unsent_photos
from .forms import StoryForm
from .models import Story
from .paging import StoryPaginator

# The story list reads these query parameters, and links to its pages with them in this order.
LIST_PARAMETERS = ("side_effect", "page")
STORIES_PER_PAGE = 20

# Tells the thanks page that the story just sent may describe urgent signs happening now (the pre-screen's flag).
URGENT_COOKIE = "story_urgent"
URGENT_COOKIE_SECONDS = 60 * 60


def story_list(request):
    """Approved stories, newest first, 20 a page (`?page=N`); or those mentioning a side effect (`?side_effect=`)."""
    # The filter's choices, fetched once: the chosen side effect is looked up among them.
    side_effect_choices = list(SideEffect.objects.published().only("name", "slug"))
    slug = request.GET.get("side_effect", "")
    side_effect = next((choice for choice in side_effect_choices if choice.slug == slug), None)
    if slug and side_effect is None:
        raise Http404("No published side effect has this address.")
    try:
        number = int(request.GET.get("page", "1"))
    except ValueError:
        raise Http404("No such page of stories.") from None

    # One address per page: ?page=01, ?page=1, an empty filter or the parameters in another order lead
    # to the address the pages link to, the only one the page cache keeps.
    own = [(key, value) for key, value in _query_items(request) if key in LIST_PARAMETERS]
    if own != _list_query(slug, number):
        others = [(key, value) for key, value in _query_items(request) if key not in LIST_PARAMETERS]
        return redirect(_list_address(slug, number, others), permanent=True)
    page_cache.canonical_query(request, urlencode(own))

    stories = Story.objects.published().with_public_side_effects()
    if side_effect is not None:
        stories = stories.filter(side_effects=side_effect)
    paginator = StoryPaginator(stories, STORIES_PER_PAGE, request=request, name=slug)
    try:
        page = paginator.page(number)
    except EmptyPage:
        raise Http404("No such page of stories.") from None
    context = {
        "stories": page.object_list,
        "page_obj": page,
        "paginator": paginator,
        "is_paginated": page.has_other_pages(),
        "newer_url": _list_address(slug, number - 1) if page.has_previous() else "",
        "older_url": _list_address(slug, number + 1) if page.has_next() else "",
        "side_effect": side_effect,
        "side_effect_choices": side_effect_choices,
    }
    return render(request, "stories/story_list.html", context)


def _query_items(request):
    return [(key, value) for key, values in request.GET.lists() for value in values]


def _list_query(slug, number):
    return [*([("side_effect", slug)] if slug else []), *([("page", str(number))] if number != 1 else [])]


def _list_address(slug, number, others=()):
    query = urlencode([*_list_query(slug, number), *others])
    return reverse("stories:list") + (f"?{query}" if query else "")


def story_detail(request, slug):
    story = get_object_or_404(Story.objects.published().with_public_side_effects(), slug=slug)
    return render(request, "stories/story_detail.html", {"story": story})


@never_cache  # a form with this visitor's CSRF token
@require_http_methods(["GET", "POST"])
def share(request):
    if request.method == "GET":
        return render(request, "stories/share.html", {"form": StoryForm()})
    if request.POST.get("action") == "preview":
        return _preview(request)

    def store(form):
        emails.story_submitted(form.save_submission(submitted_by=request.user))

    response = receive(
        request, StoryForm, store=store, again=lambda form: _form_errors(request, form), thanks="stories:thanks"
    )
    if response.status_code != 302:
        return response  # the form again, or the allowance's page
    if Story.objects.urgent_from_form(digest_of(request.POST)):
        # The thanks page then leads with what to do now, whichever request stored the story (a double click
        # sends two, and the browser shows the second). Its address names no story: the flag travels in a
        # signed, short-lived cookie that only the thanks page is sent.
        response.set_signed_cookie(
            URGENT_COOKIE,
            "1",
            salt=URGENT_COOKIE,
            max_age=URGENT_COOKIE_SECONDS,
            path=reverse("stories:thanks"),
            secure=request.is_secure(),
            httponly=True,
            samesite="Lax",
        )
    else:
        # An everyday story sent after an urgent one (the same browser, within the hour) gets the ordinary page.
        response.delete_cookie(URGENT_COOKIE, path=reverse("stories:thanks"), samesite="Lax")
    return response


def _form_errors(request, form):
    """The form again with its errors, and the photo chosen kept for the next try."""
    # Keeping a photo stores a file: each one kept uses a preview from the hourly allowance.
    photo_not_kept = form.new_photo is not None and not story_previews.claim(request)
    if not photo_not_kept:
        form.keep_photo()
    return _share_again(request, form, photo_not_kept=photo_not_kept)


def _preview(request):
    """The story as it will be published, from its own hourly allowance; nothing is stored or used up."""
    if not story_previews.claim(request):
        # Over the allowance: the form back as typed (a kept photo too), with no photo decoded.
        form = StoryForm(request.POST)
        form.renew_timer()
        return _share_again(request, form, previews_exhausted=True)
    form = StoryForm(request.POST, request.FILES)
    form.is_valid()  # show any errors alongside the preview
    form.keep_photo()
    form.renew_timer()
    if "started" in form.errors or "body" not in form.cleaned_data:
        return _share_again(request, form)
    data = form.cleaned_data
    story = Story(
        title=data.get("title", ""),
        display_name=data.get("display_name", ""),
        body=data["body"],  # within the form's length limit
        photo_alt=data.get("photo_alt", ""),
        treatment_year=data.get("treatment_year"),
        published_at=timezone.now(),
    )
    story.render_stored_html()  # as save() would: the preview shows exactly what would be published
    preview = {
        "story": story,
        "side_effects": list(data.get("side_effects") or []),  # the form offers published ones only
        "photo_url": reverse("stories:unsent_photo", args=[form.kept_photo_reference]) if form.kept_photo_name else "",
    }
    return _share_again(request, form, preview=preview)


def _share_again(request, form, *, preview=None, previews_exhausted=False, photo_not_kept=False):
    """The form again, with what the person typed and the photo they chose."""
    context = {
        "form": form,
        "preview": preview,
        "previews_exhausted": previews_exhausted,
        "photo_not_kept": photo_not_kept,
    }
    return render(request, "stories/share.html", context)


def unsent_photo(request, reference):
    """A photo kept for a story not sent yet, shown only to whoever holds the form's signed reference."""
    try:
        name = unsent_photos.find(reference)
        photo = default_storage.open(name) if name else None
    except UPLOAD_ERRORS:
        photo = None  # the photo storage is down: the form says so beside the photo field
    if photo is None:
        raise Http404("No such photo.")
    return _photo(photo, name)


def _photo(photo, name):
    """
    A photo the site re-encoded itself, for one person's eyes: under a private address, which sends it
    with no-store and no-referrer (lemtrada_site/middleware.py), never sniffed or run as anything else.
    """
    response = FileResponse(photo, content_type=mimetypes.guess_type(name)[0])
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@never_cache  # for everyone else the same page, but an author whose story may describe urgent signs sees more
def thanks(request):
    urgent = request.get_signed_cookie(URGENT_COOKIE, None, salt=URGENT_COOKIE, max_age=URGENT_COOKIE_SECONDS) == "1"
    return render(request, "stories/thanks.html", {"urgent": urgent, **(SideEffect.help_now() if urgent else {})})


def _link_not_valid(request):
    # The same page whether the link never existed, was used or the story was withdrawn: nothing to probe.
    return render(request, "stories/link_not_valid.html", status=404)


def mine(request, token):
    story = Story.objects.with_public_side_effects().for_private_token(token)
    if story is None:
        return _link_not_valid(request)
    return render(request, "stories/mine.html", {"story": story, "token": token})


def mine_photo(request, token):
    """
    The author's own photo, whatever their story's status, for their private page: only to whoever holds the
    link (/media/ shows a story's photo to the public only once it is published).
    """
    story = Story.objects.for_private_token(token)
    if story is None or not story.photo:
        raise Http404("No such photo.")
    try:
        photo = default_storage.open(story.photo.name)
    except UPLOAD_ERRORS:
        raise Http404("No such photo.") from None  # the photo storage is down: the page shows no photo
    return _photo(photo, story.photo.name)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def withdraw(request, token):
    """
    A page that says what will be erased, then the author's POST erases it.

    No CSRF check: the secret token in the address is the author's authority, not a cookie, so a
    forged request would need the very secret it is trying to use. And the private pages send no
    Referer (lemtrada_site/middleware.py), which makes browsers send "Origin: null" with the form:
    Django's CSRF check would refuse every real withdrawal.
    """
    if request.method == "GET":
        story = Story.objects.for_private_token(token)
        if story is None:
            return _link_not_valid(request)
        return render(request, "stories/withdraw_confirm.html", {"story": story, "token": token})
    with transaction.atomic():
        story = Story.objects.select_for_update().for_private_token(token)
        if story is None:
            return _link_not_valid(request)
        story.withdraw()
    return redirect("stories:withdrawn")


def withdrawn(request):
    return render(request, "stories/withdrawn.html")
