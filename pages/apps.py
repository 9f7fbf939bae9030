from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Information pages and side effects"

    def ready(self):
        from lemtrada_site import content_version

        from . import checks  # noqa: F401  (registers the deployment checks)

        # After every migrate: the triggers that move the content version, written again, and the version moved.
        post_migrate.connect(content_version.install, sender=self, dispatch_uid="content_version.install")
