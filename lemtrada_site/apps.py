from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SiteConfig(AppConfig):
    """The project package as an app: its template tags (link previews), the `worker` command, the content version."""

    name = "lemtrada_site"
    verbose_name = "Site"

    def ready(self):
        from . import checks, content_version  # noqa: F401  (checks: registers the deployment checks)

        # After every migrate, the content version moves once (lemtrada_site/content_version.py).
        post_migrate.connect(content_version.move, sender=self, dispatch_uid="content_version.move")
