from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.template.loader import render_to_string

from pages import reviews
from pages.models import CLINICAL_REVIEWERS

EDITORS = "Editors"


def reminder_addresses():
    users = get_user_model().objects.filter(groups__name__in=[EDITORS, CLINICAL_REVIEWERS], is_active=True)
    return sorted(set(users.exclude(email="").values_list("email", flat=True)))


class Command(BaseCommand):
    help = (
        "Mail the Editors and Clinical reviewers a list of content past its review date, due for review within "
        f"{reviews.REVIEW_SOON_DAYS} days, or published and never reviewed. Sends nothing when all three are empty. "
        "Run it daily (docs/deploy.md has a systemd timer)."
    )

    def handle(self, *args, **options):
        digest = reviews.digest()
        if not digest:
            self.stdout.write("Nothing is overdue, due soon or unreviewed; no mail sent.")
            return
        recipients = reminder_addresses()
        if not recipients:
            self.stderr.write(
                self.style.WARNING("Content needs review, but nobody in Editors or Clinical reviewers has an email.")
            )
            return
        context = {"digest": digest, "soon_days": reviews.REVIEW_SOON_DAYS}
        subject, _, body = render_to_string("pages/email/review_reminders.txt", context).strip().partition("\n")
        send_mail(subject.strip(), body.strip() + "\n", None, recipients)
        counts = (
            f"{len(digest.overdue)} overdue, {len(digest.due_soon)} due soon, "
            f"{len(digest.never_reviewed)} never reviewed"
        )
        self.stdout.write(self.style.SUCCESS(f"Sent the review reminder ({counts}) to {len(recipients)} people."))
