from django.core.management.base import BaseCommand

from stories import unsent_photos


class Command(BaseCommand):
    help = "Daily tidying: deletes photos chosen for stories that were never sent, once they are a day old."

    def handle(self, *args, **options):
        deleted = unsent_photos.delete_unclaimed()
        self.stdout.write(f"Deleted {deleted} unsent story photo{'' if deleted == 1 else 's'} older than a day.")
