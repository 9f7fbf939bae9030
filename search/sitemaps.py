"""
/sitemap.xml: every public page and nothing else (no search results, thanks pages or private
links). Every address starts with SITE_URL, never with the Host header a client sends.
"""

from types import SimpleNamespace
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from pages.models import Page, SideEffect
from stories.models import Story


class SiteUrlSitemap(Sitemap):
    def get_urls(self, page=1, site=None, protocol=None):
        address = urlsplit(settings.SITE_URL)
        return super().get_urls(
            page=page, site=SimpleNamespace(domain=address.netloc + address.path), protocol=address.scheme
        )


class PageSitemap(SiteUrlSitemap):
    def items(self):
        return Page.objects.published().only("slug", "updated_at")

    def lastmod(self, page):
        return page.updated_at


class SideEffectSitemap(SiteUrlSitemap):
    def items(self):
        return SideEffect.objects.published().only("slug", "updated_at")

    def lastmod(self, side_effect):
        return side_effect.updated_at


class StorySitemap(SiteUrlSitemap):
    def items(self):
        return Story.objects.published().only("slug", "published_at", "edited_at").order_by("-published_at")

    def lastmod(self, story):
        return max(filter(None, [story.published_at, story.edited_at]), default=None)


class ListSitemap(SiteUrlSitemap):
    """The lists of side effects and stories, and the planner's form."""

    def items(self):
        return ["side-effects", "stories", "planner"]

    def location(self, name):
        return reverse(
            {"side-effects": "pages:side-effects", "stories": "stories:list", "planner": "planner:start"}[name]
        )

    def lastmod(self, name):
        if name == "side-effects":
            return SideEffect.objects.published().aggregate(latest=Max("updated_at"))["latest"]
        if name == "stories":
            return Story.objects.published().aggregate(latest=Max("published_at"))["latest"]
        # The planner states the facts the information pages publish (tests/test_planner_matches_content.py).
        return Page.objects.published().aggregate(latest=Max("updated_at"))["latest"]


SITEMAPS = {"pages": PageSitemap, "lists": ListSitemap, "side-effects": SideEffectSitemap, "stories": StorySitemap}
