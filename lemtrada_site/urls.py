from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from pages import editor
from pages import views as page_views

admin.site.site_header = "Lemtrada patient information: editors and moderators"
admin.site.site_title = "Lemtrada site admin"
admin.site.index_title = "What would you like to work on?"

urlpatterns = [
    path("admin/", admin.site.urls),
    # Our own staff-only, sanitizing replacements for markdownx.urls (see pages/editor.py).
    path("markdownx/markdownify/", editor.markdownify, name="markdownx_markdownify"),
    path("markdownx/upload/", editor.upload, name="markdownx_upload"),
    path("healthz", page_views.healthz, name="healthz"),
    path("stories/", include("stories.urls")),
    path("", include("pages.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
