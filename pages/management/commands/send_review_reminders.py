from django.core.management.base import BaseCommand

from lemtrada_site.groups import CLINICAL_REVIEWERS, EDITORS
from lemtrada_site.tasks import enqueue_on_commit
from pages import emails, reviews
from pages.models import REVIEW_SOON_DAYS


class Command(BaseCommand):
    help = (
        f"Mail the {EDITORS} and {CLINICAL_REVIEWERS} the reviewers' to-do list: content past its review date, "
        f"changed since its last review, due for review within {REVIEW_SOON_DAYS} days, or published and never "
        "reviewed. Sends nothing when the list is empty. "
        "The mail is queued for the worker, which tries again if the mail server fails. "
        "Run it daily (docs/deploy.md has a systemd timer)."
    )

    def handle(self, *args, **options):
        digest = reviews.digest()
        if not digest:
            self.stdout.write("Nothing is overdue, changed since its review, due soon or unreviewed; no mail sent.")
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
        self.stdout.write(
            self.style.SUCCESS(f"The review reminder ({digest.counts()}) goes to {len(recipients)} people.")
        )
