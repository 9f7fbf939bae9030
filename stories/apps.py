from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save


class StoriesConfig(AppConfig):
    name = "stories"
    verbose_name = "Patient stories"

    def ready(self):
        # Cache invalidation only (no business logic): cached story listings must not go stale.
        from pages.cache import stories_changed
        from pages.models import SideEffect

        from .models import Story

        for model in (Story, SideEffect):
            post_save.connect(stories_changed, sender=model, dispatch_uid=f"stories-changed-save-{model.__name__}")
            post_delete.connect(stories_changed, sender=model, dispatch_uid=f"stories-changed-delete-{model.__name__}")
        m2m_changed.connect(stories_changed, sender=Story.side_effects.through, dispatch_uid="stories-changed-m2m")
