from django.db.models import Max
from django.urls import reverse

from lemtrada_site.sitemaps import SiteUrlSitemap

from .models import Story


class StorySitemap(SiteUrlSitemap):
    def items(self):
        return Story.objects.published().only("slug", "published_at", "edited_at").order_by("-published_at")

    def lastmod(self, story):
        return max(filter(None, [story.published_at, story.edited_at]), default=None)


class StoryListSitemap(SiteUrlSitemap):
    """The list of stories, which changes whenever a story is published."""

    def items(self):
        return ["stories:list"]

    def location(self, name):
        return reverse(name)

    def lastmod(self, name):
        return Story.objects.published().aggregate(latest=Max("published_at"))["latest"]
