"""
The mail the editors' work causes: a note to the Editors when a reader writes, and the daily review
reminder. Both are tasks (lemtrada_site/tasks.py), sent by the worker and tried again if the mail server
fails. A task carries only the message's id: the mail carries neither the message nor the sender's
address (editors read both in the admin, through the link), and the reminder's lists are worked out
when it is sent.
"""

from django.conf import settings
from django.tasks import task
from django.urls import reverse

from lemtrada_site.groups import CLINICAL_REVIEWERS, EDITORS, member_addresses
from lemtrada_site.tasks import enqueue_on_commit, send_mail_or_retry

from . import reviews
from .models import Feedback


@task()
def send_feedback_mail(feedback_id, attempt=1):
    """Tell the Editors a reader has written; on a mail-server failure, queue a later attempt."""
    feedback = Feedback.objects.filter(pk=feedback_id).first()
    if feedback is None:
        return "skipped: the message is gone"
    recipients = member_addresses(EDITORS)
    if not recipients:
        return "skipped: nobody to tell"
    context = {
        "feedback": feedback,
        "page_url": settings.SITE_URL + feedback.page_path if feedback.page_path else "",
        "admin_url": settings.SITE_URL + reverse("admin:pages_feedback_change", args=[feedback.pk]),
    }
    send_mail_or_retry(
        send_feedback_mail,
        feedback_id,
        template="pages/email/feedback_received.txt",
        context=context,
        recipients=recipients,
        attempt=attempt,
        to_staff=True,
        what=f"the mail for reader message {feedback_id}",
    )
    return "sent"


def feedback_received(feedback):
    enqueue_on_commit(send_feedback_mail, feedback.pk)


def review_reminder_addresses():
    return member_addresses(EDITORS, CLINICAL_REVIEWERS)


@task()
def send_review_reminder(attempt=1):
    """Mail the Editors and Clinical reviewers the reviewers' to-do list (pages/reviews.py), as it is now."""
    digest = reviews.digest()
    recipients = review_reminder_addresses()
    if not digest or not recipients:
        return "skipped: nothing due, or nobody to tell"
    send_mail_or_retry(
        send_review_reminder,
        template="pages/email/review_reminders.txt",
        context={"digest": digest},
        recipients=recipients,
        attempt=attempt,
        to_staff=True,
        what="the review reminder",
    )
    return "sent"
