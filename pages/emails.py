"""
The mail a reader's message causes: a note to the Editors, queued like the story mail
(stories/emails.py). The task carries only the message's id, and the mail carries neither the
message nor the sender's address: editors read both in the admin, through the link.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.tasks import default_task_backend, task
from django.tasks.backends.immediate import ImmediateBackend
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from .models import Feedback

logger = logging.getLogger(__name__)

EDITORS_GROUP = "Editors"


def editor_addresses():
    editors = get_user_model().objects.filter(groups__name=EDITORS_GROUP, is_active=True).exclude(email="")
    return sorted(set(editors.values_list("email", flat=True)))


@task()
def send_feedback_mail(feedback_id, attempt=1):
    """Tell the Editors a reader has written; on a mail-server failure, queue a later attempt."""
    feedback = Feedback.objects.filter(pk=feedback_id).first()
    if feedback is None:
        return "skipped: the message is gone"
    recipients = editor_addresses()
    if not recipients:
        return "skipped: nobody to tell"
    context = {
        "feedback": feedback,
        "page_url": settings.SITE_URL + feedback.page_path if feedback.page_path else "",
        "admin_url": settings.SITE_URL + reverse("admin:pages_feedback_change", args=[feedback.pk]),
    }
    subject, _, body = render_to_string("pages/email/feedback_received.txt", context).strip().partition("\n")
    try:
        send_mail(subject.strip(), body.strip() + "\n", None, recipients)
    except Exception as error:
        # Only the kind of error: its text can carry addresses, and this line is kept in the logs.
        logger.error(
            "Could not send the mail for reader message %s (attempt %s): %s",
            feedback_id,
            attempt,
            type(error).__name__,
        )
        _retry_later(feedback_id, attempt)
        raise MailNotSent(f"reader message {feedback_id}, attempt {attempt}") from None
    return "sent"


class MailNotSent(Exception):
    pass


def _retry_later(feedback_id, attempt):
    if attempt >= settings.MAIL_ATTEMPTS or not default_task_backend.supports_defer:
        logger.error("Giving up on the mail for reader message %s after %s attempt(s)", feedback_id, attempt)
        return
    delay = min(settings.MAIL_RETRY_BASE_SECONDS * 2 ** (attempt - 1), settings.MAIL_RETRY_MAX_SECONDS)
    send_feedback_mail.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue(
        feedback_id, attempt=attempt + 1
    )


def feedback_received(feedback):
    if isinstance(default_task_backend, ImmediateBackend):
        # Sending right away (development, tests): wait until the message is really committed.
        transaction.on_commit(lambda: send_feedback_mail.enqueue(feedback.pk))
    else:
        # A queued task is a row written in the same transaction: it commits, or vanishes, with the message.
        send_feedback_mail.enqueue(feedback.pk)
