"""
The site's addresses: each app's own, put together, with the site-level views (lemtrada_site/views.py)
and the sitemap made of each app's sitemaps, as djangoproject.com composes its apps.
"""

from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from pages import editor
from pages.sitemaps import ListSitemap, PageSitemap, SideEffectSitemap
from stories.sitemaps import StoryListSitemap, StorySitemap

from . import views

admin.site.site_header = "Lemtrada patient information: editors and moderators"
admin.site.site_title = "Lemtrada site admin"
admin.site.index_title = "What would you like to work on?"

handler500 = "lemtrada_site.views.server_error"

SITEMAPS = {
    "pages": PageSitemap,
    "lists": ListSitemap,
    "story-list": StoryListSitemap,
    "side-effects": SideEffectSitemap,
    "stories": StorySitemap,
}

urlpatterns = [
    path("admin/", admin.site.urls),
    # Our own staff-only, sanitizing replacements for markdownx.urls (see pages/editor.py).
    path("markdownx/markdownify/", editor.markdownify, name="markdownx_markdownify"),
    path("markdownx/upload/", editor.upload, name="markdownx_upload"),
    path("healthz", views.healthz, name="healthz"),
    # Browsers ask for /favicon.ico whatever the page says (the admin's pages say nothing).
    path("favicon.ico", views.favicon),
    path("media/<path:path>", views.media, name="media"),
    path("stories/", include("stories.urls")),
    path("planner/", include("planner.urls")),
    path("search/", include("search.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("", views.home, name="home"),
    path("", include("pages.urls")),
]
