from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from pages import editor
from pages import views as page_views
from search import views as search_views
from search.sitemaps import SITEMAPS

admin.site.site_header = "Lemtrada patient information: editors and moderators"
admin.site.site_title = "Lemtrada site admin"
admin.site.index_title = "What would you like to work on?"

handler500 = "pages.views.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    # Our own staff-only, sanitizing replacements for markdownx.urls (see pages/editor.py).
    path("markdownx/markdownify/", editor.markdownify, name="markdownx_markdownify"),
    path("markdownx/upload/", editor.upload, name="markdownx_upload"),
    path("healthz", page_views.healthz, name="healthz"),
    # Browsers ask for /favicon.ico whatever the page says (the admin's pages say nothing).
    path("favicon.ico", page_views.favicon),
    path("media/<path:path>", page_views.media, name="media"),
    path("stories/", include("stories.urls")),
    path("planner/", include("planner.urls")),
    path("search/", include("search.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", search_views.robots_txt, name="robots"),
    path("", include("pages.urls")),
]
