from django.db.models import Max
from django.urls import reverse

from lemtrada_site.sitemaps import SiteUrlSitemap

from .models import Page, SideEffect


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


class ListSitemap(SiteUrlSitemap):
    """
    The list of side effects and the warning signs (both made from the side effects), and the planner's form
    (which states what the information pages publish).
    """

    def items(self):
        return ["pages:side-effects", "pages:warning-signs", "planner:start"]

    def location(self, name):
        return reverse(name)

    def lastmod(self, name):
        if name in ("pages:side-effects", "pages:warning-signs"):
            return SideEffect.objects.published().aggregate(latest=Max("updated_at"))["latest"]
        # The planner states the facts the information pages publish (tests/test_planner_matches_content.py).
        return Page.objects.published().aggregate(latest=Max("updated_at"))["latest"]
