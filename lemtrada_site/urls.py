from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from pages import editor
from pages import views as page_views

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
    path("stories/", include("stories.urls")),
    path("", include("pages.urls")),
]

if settings.SERVE_MEDIA:
    # A one-machine install without a proxy for /media/ (see docs/deploy.md). Uploads are images we
    # re-encoded ourselves; SecurityMiddleware adds nosniff to every response, these included.
    urlpatterns = [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
        *urlpatterns,
    ]
