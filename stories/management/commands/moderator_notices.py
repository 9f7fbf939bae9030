from django.conf import settings
from django.core.management.base import BaseCommand

from lemtrada_site.groups import MODERATORS
from stories.emails import moderator_addresses


class Command(BaseCommand):
    help = "Says who is told about new stories (members of Moderators with an email, and STORY_MODERATOR_EMAILS)."

    def handle(self, *args, **options):
        count = len(moderator_addresses())
        if count:
            people = "1 address" if count == 1 else f"{count} addresses"
            where = "printed in this terminal" if "console" in settings.MAILERS["default"]["BACKEND"] else "sent"
            self.stdout.write(f"New-story notices go to {people} (mail is {where}).")
            return
        self.stdout.write(
            self.style.WARNING(
                "Nobody is told about new stories yet. To get the notices, give a user an email address and "
                f"add them to the “{MODERATORS}” group in the admin (Users, then the user, then Groups), "
                "or set STORY_MODERATOR_EMAILS=you@example.org. The development admin is not a moderator."
            )
        )
