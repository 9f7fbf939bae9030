"""
`manage.py housekeeping`: report the story photos in storage that belong to no story.

A photo can outlive its story if its delete failed and was never retried (no worker running), or
if an app server died between storing a photo and storing its story. This lists them; with
--delete it removes them. Photos younger than an hour are left alone: their story may be on its way.
"""

from datetime import timedelta

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.utils import timezone

from stories.models import Story

PHOTOS = "stories"
GRACE = timedelta(hours=1)


def stored_names(folder):
    """Every file under `folder` in the uploads storage, as storage names."""
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{folder}/{name}"
    for sub in folders:
        yield from stored_names(f"{folder}/{sub}")


def orphan_photos(*, now=None):
    now = now or timezone.now()
    owned = set(Story.objects.exclude(photo="").values_list("photo", flat=True))
    for name in sorted(stored_names(PHOTOS)):
        if name not in owned and default_storage.get_modified_time(name) < now - GRACE:
            yield name


class Command(BaseCommand):
    help = "Report story photos that belong to no story; --delete removes them."

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true", help="Delete the photos that belong to no story.")

    def handle(self, *args, delete=False, **options):
        orphans = list(orphan_photos())
        if not orphans:
            self.stdout.write("Every stored story photo belongs to a story.")
            return
        verb = "Deleted" if delete else "Found"
        self.stdout.write(f"{verb} {len(orphans)} photo(s) that belong to no story:")
        for name in orphans:
            if delete:
                default_storage.delete(name)
            self.stdout.write(f"  {name}")
        if not delete:
            self.stdout.write("Run `manage.py housekeeping --delete` to delete them.")
