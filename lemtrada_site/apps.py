from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The project package as an app: its template tags (link previews) and the `worker` command."""

    name = "lemtrada_site"
    verbose_name = "Site"
