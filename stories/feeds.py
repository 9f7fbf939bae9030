from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from lemtrada_site.forms import without_control_characters

from .models import Story


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
        return story.updated_at
