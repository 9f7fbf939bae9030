"""
The mail a story causes: a receipt for the author, a note for the moderators, and the decision.

Mail never carries the story's text. It is queued only once the story is safely committed, and a
failing mail server can never lose a story or show the author an error: sending happens in a
task, whose failures are logged (and, with a queue worker, retried).
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.tasks import task
from django.template.loader import render_to_string

from .models import Story

logger = logging.getLogger(__name__)

MODERATORS_GROUP = "Moderators"


def moderator_addresses():
    in_group = get_user_model().objects.filter(groups__name=MODERATORS_GROUP, is_active=True).exclude(email="")
    return sorted({*in_group.values_list("email", flat=True), *settings.STORY_MODERATOR_EMAILS})


@task
def deliver(template, recipients, context):
    """Render `stories/email/<template>.txt` (first line: the subject) and send it."""
    subject, _, body = render_to_string(f"stories/email/{template}.txt", context).strip().partition("\n")
    try:
        send_mail(subject.strip(), body.strip() + "\n", None, recipients)
    except Exception:
        logger.exception("Could not send the %r mail to %d recipient(s)", template, len(recipients))
        raise


def _queue(template, recipients, **context):
    if not recipients:
        return
    # Only once the story is committed: never mail about something that was rolled back.
    transaction.on_commit(lambda: deliver.enqueue(template, list(recipients), context))


def story_submitted(story, *, private_url, admin_url):
    _queue("receipt", [story.email], display_name=story.display_name, private_url=private_url)
    _queue("moderators_new_story", moderator_addresses(), admin_url=admin_url)


def story_moderated(story, *, public_url=""):
    if story.status == Story.Status.APPROVED:
        _queue("approved", [story.email], display_name=story.display_name, public_url=public_url)
    elif story.status == Story.Status.REJECTED:
        _queue("rejected", [story.email], display_name=story.display_name, reason=story.rejection_reason)
