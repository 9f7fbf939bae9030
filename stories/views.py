from django.contrib.syndication.views import Feed
from django.db import DatabaseError, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.http import require_http_methods, require_POST
from django.views.generic import ListView

from pages.markdown import render_markdown
from pages.models import SideEffect

from . import emails
from .forms import StoryForm, sign_started
from .models import Story
from .ratelimit import claim_submission, submissions_exhausted


class StoryListView(ListView):
    template_name = "stories/story_list.html"
    context_object_name = "stories"
    paginate_by = 20

    def get_queryset(self):
        stories = Story.objects.published().with_public_side_effects().order_by("-published_at")
        self.side_effect = None
        if slug := self.request.GET.get("side_effect"):
            self.side_effect = get_object_or_404(SideEffect.objects.published(), slug=slug)
            stories = stories.filter(side_effects=self.side_effect)
        return stories

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            side_effect=self.side_effect,
            side_effect_choices=SideEffect.objects.published().only("name", "slug"),
            **kwargs,
        )


def story_detail(request, slug):
    story = get_object_or_404(Story.objects.published().with_public_side_effects(), slug=slug)
    return render(request, "stories/story_detail.html", {"story": story})


@require_http_methods(["GET", "POST"])
def share(request):
    if request.method == "GET":
        return render(request, "stories/share.html", {"form": StoryForm()})

    if submissions_exhausted(request):  # early, before any image work
        return render(request, "stories/rate_limited.html", status=429)

    form = StoryForm(request.POST, request.FILES)
    if request.POST.get("action") == "preview":
        form.is_valid()  # show any errors alongside the preview
        return _share_again(request, form, preview=render_markdown(form.data.get("body", "")))
    if not form.is_valid():
        return _share_again(request, form)
    if form.is_spam:
        return redirect("stories:thanks")
    if not claim_submission(request):
        return render(request, "stories/rate_limited.html", status=429)

    try:
        with transaction.atomic():
            story = form.save_submission(submitted_by=request.user)
            emails.story_submitted(story, site=site_address(request))
    except DatabaseError:
        form.discard_saved_photo()  # written before the failed insert; no story owns it now
        raise
    return redirect("stories:thanks")


def site_address(request):
    """The site's scheme and host as this request reached it, for links in mail."""
    return request.build_absolute_uri("/").rstrip("/")


def _share_again(request, form, *, preview=None):
    """The form again, with what the person typed; a chosen photo can't be kept, so we say so."""
    if "started" in form.errors:
        # An expired or too-quick form gets a fresh timer, so sending it again can work.
        form.data = form.data.copy()
        form.data["started"] = sign_started()
    return render(
        request,
        "stories/share.html",
        {"form": form, "preview": preview, "photo_dropped": bool(request.FILES.get("photo"))},
    )


def thanks(request):
    return render(request, "stories/thanks.html")


def mine(request, token):
    story = Story.objects.for_private_token(token)
    if story is None:
        raise Http404("No story has this private link.")
    return render(request, "stories/mine.html", {"story": story, "token": token})


@require_POST
def withdraw(request, token):
    with transaction.atomic():
        story = Story.objects.select_for_update().for_private_token(token)
        if story is None:
            raise Http404("No story has this private link.")
        story.withdraw()
    return redirect("stories:withdrawn")


def withdrawn(request):
    return render(request, "stories/withdrawn.html")


class LatestStoriesFeed(Feed):
    feed_type = Atom1Feed
    title = "Lemtrada patient stories"
    subtitle = "Experiences of Lemtrada (alemtuzumab), shared by people with MS and approved by a moderator."

    def link(self):
        return reverse("stories:list")

    def items(self):
        return Story.objects.published().order_by("-published_at")[:20]

    def item_title(self, story):
        return story.title

    def item_description(self, story):
        return render_markdown(story.body)

    def item_author_name(self, story):
        return story.display_name

    def item_pubdate(self, story):
        return story.published_at

    def item_updateddate(self, story):
        return story.published_at
