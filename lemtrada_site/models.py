from django.db import models
from django.utils import timezone


class ContentVersion(models.Model):
    """
    The version of everything the public pages show: one row, moved in the same transaction as every
    change a reader could see (a published page or side effect, an approved story, a sign-off), by
    database triggers (lemtrada_site/content_version.py), so every way of writing counts. The page
    cache keys its copies by it and takes Last-Modified from it.
    """

    number = models.BigIntegerField(default=1)
    # Never earlier than the change before it, so Last-Modified never goes backwards.
    changed_at = models.DateTimeField(default=timezone.now)
    previous_changed_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"content version {self.number} ({self.changed_at:%Y-%m-%d %H:%M:%S})"
