"""
`manage.py housekeeping` (daily): erase rejected stories and readers' messages we have kept as long as
the privacy notice says (REJECTED_STORY_RETENTION_DAYS, FEEDBACK_RETENTION_DAYS); delete photos chosen
for stories that were never sent, once they are a day old; and report the story photos in storage that
belong to no story.

A story photo can outlive its story if its delete failed and was never retried (no worker
running), or if an app server died between storing a photo and storing its story. They are listed;
with --delete they are removed. Photos younger than an hour are left alone: their story may be on
its way.
"""

from datetime import timedelta

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.utils import timezone

from pages.models import Feedback
from stories import unsent_photos
from stories.models import ModerationRefused, Story

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


def orphan_photos():
    """Story photos (not the unsent ones, which have their own rule) that no story has."""
    cutoff = timezone.now() - GRACE
    owned = set(Story.objects.exclude(photo="").values_list("photo", flat=True))
    for name in sorted(stored_names(PHOTOS)):
        if name.startswith(f"{unsent_photos.UNSENT_DIR}/") or name in owned:
            continue
        if default_storage.get_modified_time(name) < cutoff:
            yield name


class Command(BaseCommand):
    help = (
        "Daily tidying: erases rejected stories and readers' messages kept as long as the privacy notice says, "
        "deletes photos chosen for stories that were never sent, once they are a day old, and reports story "
        "photos that belong to no story (--delete removes them)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true", help="Delete the photos that belong to no story.")

    def handle(self, *args, delete=False, **options):
        self.erase_what_we_no_longer_keep()
        deleted = unsent_photos.delete_unclaimed()
        self.stdout.write(f"Deleted {deleted} unsent story photo{'' if deleted == 1 else 's'} older than a day.")

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

    def erase_what_we_no_longer_keep(self):
        now = timezone.now()
        days = settings.REJECTED_STORY_RETENTION_DAYS
        erased = 0
        for story in Story.objects.rejected_before(now - timedelta(days=days)):
            try:
                story.erase_rejected()
            except ModerationRefused as refusal:
                self.stdout.write(str(refusal))  # decided again while we ran: next time, by its new decision
                continue
            erased += 1
        self.stdout.write(
            f"Erased {erased} rejected stor{'y' if erased == 1 else 'ies'} decided more than {days} days ago."
        )
        days = settings.FEEDBACK_RETENTION_DAYS
        deleted, _ = Feedback.objects.received_before(now - timedelta(days=days)).delete()
        self.stdout.write(
            f"Deleted {deleted} message{'' if deleted == 1 else 's'} from readers received more than {days} days ago."
        )
