from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "stories"
    verbose_name = "Patient stories"

    def ready(self):
        from lemtrada_site import content_version

        from . import checks  # noqa: F401  (registers the deployment checks)
        from .models import public_rows

        # The triggers that move the content version, in a migration and again after every migrate.
        content_version.install_after_migrate(self, public_rows)
