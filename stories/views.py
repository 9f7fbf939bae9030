from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db import DatabaseError, IntegrityError, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django.views.generic import ListView

from pages.markdown import render_markdown
from pages.models import SideEffect

from . import emails
from .forms import StoryForm, sign_started, without_control_characters
from .models import Story
from .ratelimit import claim_preview, claim_submission, release_submission, submissions_exhausted


class StoryListView(ListView):
    template_name = "stories/story_list.html"
    context_object_name = "stories"
    paginate_by = 20

    def get_queryset(self):
        stories = Story.objects.published().with_public_side_effects()
        # The filter's choices, fetched once: the chosen side effect is looked up among them.
        self.side_effect_choices = list(SideEffect.objects.published().only("name", "slug"))
        self.side_effect = None
        if slug := self.request.GET.get("side_effect"):
            self.side_effect = next((choice for choice in self.side_effect_choices if choice.slug == slug), None)
            if self.side_effect is None:
                raise Http404("No published side effect has this address.")
            stories = stories.filter(side_effects=self.side_effect)
        return stories

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            side_effect=self.side_effect, side_effect_choices=self.side_effect_choices, **kwargs
        )


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

    # The cheap checks come first (the request's size was checked by middleware): a client over its
    # allowance gets no further, and the form checks its timer before it decodes a photo.
    if submissions_exhausted(request):
        return render(request, "stories/rate_limited.html", status=429)
    form = StoryForm(request.POST, request.FILES)
    if not form.is_valid():
        return _share_again(request, form)
    if form.is_spam or Story.objects.sent_from_form(form.form_digest):
        # A bot, or the same form sent again: thanks, and nothing stored twice.
        return redirect("stories:thanks")
    if not claim_submission(request):
        return render(request, "stories/rate_limited.html", status=429)

    try:
        with transaction.atomic():
            story = form.save_submission(submitted_by=request.user)
            emails.story_submitted(story)
    except IntegrityError:
        form.discard_saved_photo()
        if not Story.objects.sent_from_form(form.form_digest):
            raise
        # The same form, sent twice at once: the other request stored it and sends the receipt.
        release_submission(request)
        return redirect("stories:thanks")
    except DatabaseError:
        form.discard_saved_photo()  # written before the failed insert; no story owns it now
        raise
    return redirect("stories:thanks")


def _preview(request):
    """The story as it will read, from its own hourly allowance; nothing is stored or used up."""
    if not claim_preview(request):
        # Over the allowance: the form back as typed, with no photo decoded and nothing rendered.
        return _share_again(request, StoryForm(request.POST), previews_exhausted=True)
    form = StoryForm(request.POST, request.FILES)
    form.is_valid()  # show any errors alongside the preview
    preview = None
    if "started" not in form.errors and "body" in form.cleaned_data:
        preview = render_markdown(form.cleaned_data["body"], authored=True)  # within the form's length limit
    return _share_again(request, form, preview=preview)


def _share_again(request, form, *, preview=None, previews_exhausted=False):
    """The form again, with what the person typed; a chosen photo can't be kept, so we say so."""
    if "started" in form.errors:
        # An expired or too-quick form gets a fresh timer, so sending it again can work.
        form.data = form.data.copy()
        form.data["started"] = sign_started()
    context = {
        "form": form,
        "preview": preview,
        "previews_exhausted": previews_exhausted,
        "photo_dropped": bool(request.FILES.get("photo")),
    }
    return render(request, "stories/share.html", context)


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
    """
    The newest approved stories. Every link starts with SITE_URL (never the request's Host), and
    every text is stripped of control characters: XML can't carry them, and one would break the
    feed for everyone.
    """

    feed_type = Atom1Feed
    title = "Lemtrada patient stories"
    subtitle = "Experiences of Lemtrada (alemtuzumab), shared by people with MS and approved by a moderator."

    def link(self):
        return settings.SITE_URL + reverse("stories:list")

    def feed_url(self):
        return settings.SITE_URL + reverse("stories:feed")

    def items(self):
        return Story.objects.published()[:20]

    def item_link(self, story):
        return settings.SITE_URL + story.get_absolute_url()

    def item_title(self, story):
        return without_control_characters(story.title)

    def item_description(self, story):
        return without_control_characters(story.body_html)

    def item_author_name(self, story):
        return without_control_characters(story.display_name)

    def item_pubdate(self, story):
        return story.published_at

    def item_updateddate(self, story):
        return story.published_at
