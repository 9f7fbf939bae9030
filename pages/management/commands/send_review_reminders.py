from django.core.management.base import BaseCommand

from lemtrada_site.groups import CLINICAL_REVIEWERS, EDITORS
from lemtrada_site.tasks import enqueue_on_commit
from pages import emails, reviews


class Command(BaseCommand):
    help = (
        f"Mail the {EDITORS} and {CLINICAL_REVIEWERS} a list of content past its review date, due for review within "
        f"{reviews.REVIEW_SOON_DAYS} days, or published and never reviewed. Sends nothing when all three are empty. "
        "The mail is queued for the worker, which tries again if the mail server fails. "
        "Run it daily (docs/deploy.md has a systemd timer)."
    )

    def handle(self, *args, **options):
        digest = reviews.digest()
        if not digest:
            self.stdout.write("Nothing is overdue, due soon or unreviewed; no mail sent.")
            return
        recipients = emails.review_reminder_addresses()
        if not recipients:
            self.stderr.write(
                self.style.WARNING(
                    f"Content needs review, but nobody in {EDITORS} or {CLINICAL_REVIEWERS} has an email."
                )
            )
            return
        enqueue_on_commit(emails.send_review_reminder)
        counts = (
            f"{len(digest.overdue)} overdue, {len(digest.due_soon)} due soon, "
            f"{len(digest.never_reviewed)} never reviewed"
        )
        self.stdout.write(self.style.SUCCESS(f"The review reminder ({counts}) goes to {len(recipients)} people."))
