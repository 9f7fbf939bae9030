"""
/sitemap.xml: every public page and nothing else (no search results, thanks pages or private
links). Each app keeps the sitemaps of its own pages (pages/sitemaps.py, stories/sitemaps.py) and
urls.py puts them together. Every address starts with SITE_URL, never with the Host header a
client sends.
"""

from types import SimpleNamespace
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap


class SiteUrlSitemap(Sitemap):
    def get_urls(self, page=1, site=None, protocol=None):
        address = urlsplit(settings.SITE_URL)
        return super().get_urls(
            page=page, site=SimpleNamespace(domain=address.netloc + address.path), protocol=address.scheme
        )
