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
    The list of side effects and the warning signs, both made from the side effects. (Not the planner: its
    pages ask search engines not to index them, as a person's plan is their own, so the sitemap doesn't offer
    them.)
    """

    def items(self):
        return ["pages:side-effects", "pages:warning-signs"]

    def location(self, name):
        return reverse(name)

    def lastmod(self, name):
        return SideEffect.objects.published().aggregate(latest=Max("updated_at"))["latest"]
