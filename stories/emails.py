"""
The mail a story causes: a receipt for the author, a note for the moderators, and the decision.

Mail never carries the story's text, and mail to an author carries no text the submitter chose
(not even their display name): the address is unverified, so anyone could make the site send
their words to a stranger. Each message is a task queued in the same transaction as the
change it reports, so it exists only if the story does; a worker sends it and, if the mail server
fails, tries again later with growing gaps. A failing mail server never loses a story or shows the
author an error. Tasks carry only the story's id: names, emails and the private link are read or
made when the mail is sent, so none of them wait in the queue. Links start with settings.SITE_URL,
never with the Host header of the request that caused the mail.
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

from pages.models import SideEffect

from .models import Story

logger = logging.getLogger(__name__)

MODERATORS_GROUP = "Moderators"


def moderator_addresses():
    in_group = get_user_model().objects.filter(groups__name=MODERATORS_GROUP, is_active=True).exclude(email="")
    return sorted({*in_group.values_list("email", flat=True), *settings.STORY_MODERATOR_EMAILS})


def _receipt(story, site):
    # The private link is made here, at sending time, so it is never stored anywhere but in the mail.
    token = story.issue_private_token()
    story.save(update_fields=["token_hash"])
    private_url = site + reverse("stories:mine", kwargs={"token": token})
    # A story that seems to describe urgent signs happening now: the author is pointed to help at once.
    return [story.email], {
        "private_url": private_url,
        "urgent": story.urgent,
        "if_unreachable": SideEffect.IF_UNREACHABLE,
    }


def _moderators(story, site):
    admin_url = site + reverse("admin:stories_story_change", args=[story.pk])
    return moderator_addresses(), {"admin_url": admin_url}


def _approved(story, site):
    return [story.email], {"public_url": site + story.get_absolute_url()}


def _rejected(story, site):
    return [story.email], {"reason": story.rejection_reason, "share_url": site + reverse("stories:share")}


MAILS = {
    "receipt": _receipt,
    "moderators_new_story": _moderators,
    "approved": _approved,
    "rejected": _rejected,
}


@task(takes_context=True)
def send_story_mail(context, mail, story_id, attempt=1):
    """Send one of MAILS about a story; on a mail-server failure, queue a later attempt."""
    story = Story.objects.filter(pk=story_id).exclude(status=Story.Status.WITHDRAWN).first()
    if story is None:
        return "skipped: the story is gone or withdrawn"
    recipients, mail_context = MAILS[mail](story, settings.SITE_URL)
    if not recipients:
        return "skipped: nobody to tell"
    subject, _, body = render_to_string(f"stories/email/{mail}.txt", mail_context).strip().partition("\n")
    try:
        send_mail(subject.strip(), body.strip() + "\n", None, recipients)
    except Exception as error:
        # Only the kind of error: its text (and traceback) can carry the author's address, and this
        # message is kept in the logs and the task queue.
        failure = f"Could not send the {mail!r} mail for story {story_id} (attempt {attempt}): {type(error).__name__}"
        logger.error(failure)
        _retry_later(mail, story_id, attempt)
        raise MailNotSent(failure) from None
    return "sent"


class MailNotSent(Exception):
    pass


def _retry_later(mail, story_id, attempt):
    if attempt >= settings.MAIL_ATTEMPTS or not default_task_backend.supports_defer:
        logger.error("Giving up on the %r mail for story %s after %s attempt(s)", mail, story_id, attempt)
        return
    delay = min(settings.MAIL_RETRY_BASE_SECONDS * 2 ** (attempt - 1), settings.MAIL_RETRY_MAX_SECONDS)
    run_after = timezone.now() + timedelta(seconds=delay)
    send_story_mail.using(run_after=run_after).enqueue(mail, story_id, attempt=attempt + 1)


def _queue(mail, story):
    if isinstance(default_task_backend, ImmediateBackend):
        # Sending right away (development, tests): wait until the story is really committed.
        transaction.on_commit(lambda: send_story_mail.enqueue(mail, story.pk))
    else:
        # A queued task is a row written in the same transaction: it commits, or vanishes, with the story.
        send_story_mail.enqueue(mail, story.pk)


def story_submitted(story):
    _queue("receipt", story)
    _queue("moderators_new_story", story)


def story_moderated(story):
    if story.status == Story.Status.APPROVED:
        _queue("approved", story)
    elif story.status == Story.Status.REJECTED:
        _queue("rejected", story)
