from django.contrib import admin
from django.contrib.admin.apps import AdminConfig


class LemtradaAdminSite(admin.AdminSite):
    # The sidebar repeats the home page's few links and takes a third of a laptop screen from the desk.
    enable_nav_sidebar = False

    def index(self, request, extra_context=None):
        """
        The admin's home page: moderators see at once how many stories wait, and for how long;
        editors and clinical reviewers see what is due for review (the daily reminder's lists).
        """
        from pages import reviews
        from stories.models import Story

        extra_context = dict(extra_context or {})
        if request.user.has_perm("stories.change_story"):
            extra_context["moderation"] = Story.objects.queue_summary()
        if request.user.has_perm("pages.view_page"):
            extra_context["review_digest"] = reviews.digest()
        return super().index(request, extra_context)


class LemtradaAdminConfig(AdminConfig):
    default_site = "lemtrada_site.admin.LemtradaAdminSite"
