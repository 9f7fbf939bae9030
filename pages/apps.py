from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Information pages and side effects"

    def ready(self):
        from . import checks  # noqa: F401  (registers the deployment checks)
