from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Site search"

    def ready(self):
        # Search follows the content; the content apps never import search (search/index.py).
        from pages.models import SideEffect

        from . import index

        for model in index.INDEXED:
            post_save.connect(index.follow_save, sender=model, dispatch_uid=f"search:{model._meta.label_lower}")
        # The lists made from the side effects (pages/lists.py) change when one goes.
        post_delete.connect(index.follow_side_effect_delete, sender=SideEffect, dispatch_uid="search:lists")
